using System.Globalization;
using HealthDw.Core.Pipeline;
using HealthDw.Core.Ports;

namespace HealthDw.Core.Doctor;

/// <summary>
/// The whole workflow once, on a synthetic file: write <see cref="CanaryFile"/> into <c>raw_files/</c>, let the workflow
/// route, validate, load and archive it, wait for it in <c>processed/</c>, check that its rows and its ledger row are in
/// the warehouse, then remove every trace of it (the objects wherever they ended up, its staging rows, its ledger row, a
/// rejection) and check that none is left. It cleans up whatever happened, also when the file never arrived.
/// </summary>
/// <param name="delay">Waits between polls (Task.Delay; tests pass a virtual one).</param>
public sealed class CanaryCheck(IObjectStore store, IIngestTrigger trigger, ISqlRunner sql, IClock clock,
    Func<TimeSpan, CancellationToken, Task> delay, CanaryOptions options) : IDoctorCheck
{
    public const string CheckName = "canary";

    private const string Fixed = "restore warehouse/routes.yml's doctor_canary route and warehouse/contracts/doctor/canary.yml from the repository";

    public string Name => CheckName;

    public IReadOnlyList<string> Needs => options.Needs;

    public async Task<DoctorFinding> RunAsync(CancellationToken ct)
    {
        var canary = CanaryFile.For(clock.Now, clock.NewId());
        DoctorFinding finding;
        try
        {
            using (var content = new MemoryStream(CanaryFile.Content))
                await store.PutAsync(canary.RawKey, content, ct);
            await trigger.IngestAsync(canary.RawKey, ct);
            finding = await JudgeAsync(canary, ct);
        }
        finally
        {
            // Cleaning up must not depend on how the run went, nor be cancelled with it.
            var leftovers = await CleanUpAsync(canary, CancellationToken.None);
            if (leftovers.Count > 0)
            {
                finding = DoctorFinding.Fail(Name, $"left behind after the canary: {string.Join(", ", leftovers)}",
                    "remove them by hand (they hold only the synthetic canary) and check that the doctor's role may delete there");
            }
        }

        return finding;
    }

    private async Task<DoctorFinding> JudgeAsync(CanaryFile canary, CancellationToken ct)
    {
        var deadline = clock.Now + options.Timeout;
        while (true)
        {
            if (await store.ExistsAsync(canary.ProcessedKey, ct))
                break;
            if (await store.ExistsAsync(canary.ErrorReportKey, ct))
                return DoctorFinding.Fail(Name, $"the canary was refused: see {canary.ErrorReportKey}", Fixed);
            if (clock.Now >= deadline)
            {
                var still = await store.ExistsAsync(canary.RawKey, ct) ? $"it is still in {BucketLayout.Raw}" : $"it left {BucketLayout.Raw} for no known place";
                return DoctorFinding.Fail(Name, $"{canary.FileName} did not reach processed/ within {options.Timeout.TotalSeconds:0} s; {still}",
                    $"look at {options.WhereToLook} for {canary.FileName}");
            }

            await delay(options.PollInterval, ct);
        }

        var rows = await CountAsync($"select count(*) from staging.{CanaryFile.Table} where _source_key = '{canary.RawKey}'", ct);
        var ledger = await CountAsync($"select count(*) from audit.load_ledger where drop_id = '{canary.DropId}' and loaded_at is not null", ct);
        if (rows != CanaryFile.Rows || ledger != 1)
            return DoctorFinding.Fail(Name, $"the canary reached processed/ but the warehouse holds {rows} of its {CanaryFile.Rows} rows and {ledger} ledger rows",
                "the Load step and the warehouse disagree: run healthdw drop on a small file and read its execution");
        return DoctorFinding.Ok(Name, $"{canary.FileName}: routed, validated, {rows} rows loaded, archived to processed/, then removed");
    }

    /// <summary>Removes the canary everywhere it can be, then lists what is still there.</summary>
    private async Task<List<string>> CleanUpAsync(CanaryFile canary, CancellationToken ct)
    {
        string[] keys = [canary.RawKey, canary.ProcessedKey, canary.ErrorKey, canary.ErrorReportKey];
        foreach (var key in keys)
            await store.DeleteAsync(key, ct);
        var drop = canary.DropId;
        await sql.ExecuteAsync(
        [
            $"delete from staging.{CanaryFile.Table} where _source_key = '{canary.RawKey}'",
            $"delete from audit.load_ledger where drop_id = '{drop}'",
            $"delete from audit.file_rejections where drop_id = '{drop}'",
        ], atomic: true, ct);

        var leftovers = new List<string>();
        foreach (var key in keys)
        {
            if (await store.ExistsAsync(key, ct))
                leftovers.Add(key);
        }

        if (await CountAsync($"select count(*) from staging.{CanaryFile.Table} where _source_key = '{canary.RawKey}'", ct) > 0)
            leftovers.Add($"staging.{CanaryFile.Table} rows of {canary.FileName}");
        if (await CountAsync($"select count(*) from audit.load_ledger where drop_id = '{drop}'", ct) > 0)
            leftovers.Add($"audit.load_ledger rows of drop {drop}");
        if (await CountAsync($"select count(*) from audit.file_rejections where drop_id = '{drop}'", ct) > 0)
            leftovers.Add($"audit.file_rejections rows of drop {drop}");
        return leftovers;
    }

    private async Task<long> CountAsync(string query, CancellationToken ct)
    {
        var rows = await sql.QueryAsync(query, ct);
        return Convert.ToInt64(rows[0][0], CultureInfo.InvariantCulture);
    }
}
