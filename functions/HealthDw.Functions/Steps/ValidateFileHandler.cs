using System.Diagnostics;
using HealthDw.Core.Configuration;
using HealthDw.Core.Csv;
using HealthDw.Core.Loading;
using HealthDw.Core.Ports;
using HealthDw.Core.Validation;

namespace HealthDw.Functions.Steps;

/// <summary>Validate File: header, encoding, delimiter and quoting from the first bytes (a ranged read) of the version
/// the event named; a version overwritten since is <see cref="ObjectVersionGoneException"/>. A version another execution
/// has loaded and archived meanwhile (two drops of one file) is <c>already_loaded</c>: this execution yields, and Load To
/// Staging and Archive File find it done (<see cref="ArchivedVersion"/>); one another execution has refused and archived
/// is <c>already_rejected</c>, and the execution ends there (no second report, no alert).</summary>
public sealed class ValidateFileHandler(PipelineConfig config, IObjectStore store, IWarehouse warehouse)
{
    private readonly ArchivedVersion _archived = new(store, warehouse);

    public async Task<FileVerdict> HandleAsync(RoutedFile file, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        byte[] prefix;
        try
        {
            prefix = await store.ReadPrefixAsync(file.Object, PrefixCheck.PrefixBytes, ct);
        }
        catch (ObjectVersionGoneException)
        {
            if (await _archived.LoadedAndArchivedAsync(file.Object, ct) is { } done)
            {
                return new FileVerdict(StepStatus.AlreadyLoaded, "validate", done.LoadId, done.Rows, done.Bytes,
                    (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, 0, [], []);
            }

            if (!await _archived.RejectedAndArchivedAsync(file.Object, file.DropId.Value, ct)) throw;
            return ArchivedVersion.AlreadyRejected("validate", file.Size);
        }

        var problems = PrefixCheck.Check(config.Contract(file.Table), prefix, wholeFile: prefix.Length >= file.Size,
            CompressedFile.Of(file.Object.Key));
        return new FileVerdict(problems.Any ? StepStatus.Rejected : StepStatus.Valid, "validate", null, 0, file.Size,
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, problems.Total,
            ProblemDto.ListFrom(problems.Kept), []);
    }

}
