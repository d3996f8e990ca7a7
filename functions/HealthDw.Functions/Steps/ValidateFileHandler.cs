using System.Diagnostics;
using HealthDw.Core.Configuration;
using HealthDw.Core.Csv;
using HealthDw.Core.Ports;
using HealthDw.Core.Validation;

namespace HealthDw.Functions.Steps;

/// <summary>Validate File: header, encoding, delimiter and quoting from the first bytes (a ranged read) of the version
/// the event named; a version overwritten since is <see cref="ObjectVersionGoneException"/>.</summary>
public sealed class ValidateFileHandler(PipelineConfig config, IObjectStore store)
{
    public async Task<CheckResult> HandleAsync(FileRef file, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var prefix = await store.ReadPrefixAsync(file.Object, PrefixCheck.PrefixBytes, ct);
        var problems = PrefixCheck.Check(config.Contract(file.Table!), prefix, wholeFile: prefix.Length >= file.Size,
            CompressedFile.Of(file.Object.Key));
        return new CheckResult(problems.Any ? StepStatus.Rejected : StepStatus.Valid, "validate", null, 0, file.Size,
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, problems.Total,
            ProblemDto.ListFrom(problems.Kept), []);
    }
}
