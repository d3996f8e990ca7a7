using HealthDw.Core.Ports;
using System.Globalization;
using System.Text.Json;
using HealthDw.Core.Drops;
using HealthDw.Core.Models;
using HealthDw.Core.Pipeline;
using HealthDw.Functions;
using HealthDw.StateMachine.History;

namespace HealthDw.Cli.Local;

/// <summary>
/// What a command that runs workflows does first: finds the executions left RUNNING by a process that is gone (killed, or
/// the machine went down) and ends them as ABORTED, then does again what they were doing, under new executions.
/// <para>
/// Why not resume them from their last completed state, as an execution outlives a crashed Lambda on AWS: there the
/// statements a publish phase submitted run in Snowflake and their handles outlive the Lambda; here they ran in the
/// background of the process that is gone (<c>BackgroundStatementRunner</c>), and their handles went with it. A resumed
/// Check Models would ask about handles nobody knows, over a build schema half made. A publish started again under a fresh
/// name (<c>drop-&lt;id&gt;-r&lt;n&gt;</c>, as <c>healthdw publish</c> names it) builds from a clean schema and decides once;
/// the aborted execution's history keeps what it did and says why it ended.
/// </para>
/// </summary>
public sealed class InterruptedRuns(LocalPipeline pipeline, LocalWorkflow workflow)
{
    /// <summary>The error an execution ended this way carries (Step Functions lets StopExecution name one).</summary>
    public const string ProcessGone = "HealthDw.ProcessGone";

    /// <summary>Ends each orphaned execution as ABORTED and runs its work again: an ingest-file whose file version is still in
    /// raw_files/ ingests it again, a publish-drop that had not decided drops its build schema and publishes again. Returns
    /// the publish-drop executions it started (each has ended).</summary>
    /// <param name="say">One line for each thing done.</param>
    public async Task<IReadOnlyList<ExecutionRecord>> RecoverAsync(Action<string> say, CancellationToken ct)
    {
        var orphans = (await workflow.Store.ListAsync(ct)).Where(r => r.IsOrphaned).OrderBy(r => r.StartDate).ToList();
        foreach (var orphan in orphans)
        {
            var last = orphan.Path.Count == 0 ? "none" : orphan.Path[^1];
            var owner = orphan.Owner?.ToString() ?? "a process that did not record itself";
            await workflow.Store.SaveAsync(orphan.Aborted(pipeline.Clock.Now, ProcessGone,
                $"the process that ran this execution ({owner}) is gone; {ExecutionOwner.Current} ended it at start-up (last state entered: {last})"), ct);
            say($"{orphan.Name} ({orphan.StateMachineName}) was left RUNNING by {owner}, which is gone: ended as ABORTED (last state entered: {last})");
        }

        var runner = new DropRunner(pipeline, workflow);
        foreach (var orphan in orphans.Where(o => o.StateMachineName == LocalWorkflow.IngestFile))
        {
            var file = orphan.Input?.Deserialize(HealthDwJsonContext.Default.S3ObjectCreatedEvent)?.Detail.Object;
            if (file is null) continue;
            var head = await pipeline.Store.HeadAsync(file.Key, ct);
            if (head is null || head.VersionId != file.VersionId)
            {
                say($"  {file.Key}: that version is no longer in the bucket's raw files, so it is not ingested again");
                continue;
            }

            var outcome = await runner.IngestAsync(head, ct);
            say($"  {file.Key}: ingested again as {outcome.Execution}: {outcome.Status}");
        }

        // A publish-drop an ingest above started runs beside this; the publishes below name themselves after it.
        await workflow.Runner.WaitForAllAsync(ct);
        var restarted = new List<ExecutionRecord>();
        foreach (var drop in orphans.Where(o => o.StateMachineName == LocalWorkflow.PublishDrop).GroupBy(DropOf))
        {
            if (drop.Key is null || new DropId(drop.Key).Time is null) continue; // no drop id: nothing of its name to redo
            var since = drop.Min(o => o.StartDate);
            // The aborted attempts end in the warehouse's record too: one left "building" there would keep the next
            // publish-drop of the drop waiting in Check Drop for it (see PublishPlan).
            foreach (var aborted in drop)
                await pipeline.Warehouse.RecordPublishAttemptAsync(drop.Key, aborted.Name, PublishAttemptEvent.Failed, ct);
            await DropBuildSchemaAsync(drop.Key, say, ct);
            if (await DecidedSinceAsync(drop.Key, since, ct) is { } decided)
            {
                say($"  drop {drop.Key}: its publish had {(decided ? "published" : "blocked")} it before the process died; not started again");
                continue;
            }

            var record = await workflow.PublishAsync(drop.Key, publishNow: drop.Any(o => o.Input?["publishNow"]?.GetValue<bool>() == true), ct);
            say($"  drop {drop.Key}: publish started again as {record.Name}: {ExecutionStatusNames.ToName(record.Status)}");
            restarted.Add(record);
        }

        return restarted;
    }

    /// <summary>
    /// After the files of a command are in: each complete drop that is not published, and that no publish of this command
    /// covers, is published now when it never had a publish or its last one was aborted (its files were all loaded earlier,
    /// and the publish they started died with its process). A drop whose last publish ended otherwise is not started again
    /// by itself; the returned line says what is wrong and the command must not end as if all were done.
    /// </summary>
    public async Task<IReadOnlyList<string>> PublishLeftOverAsync(IEnumerable<DropState> complete, DateTimeOffset since, Action<string> say,
        CancellationToken ct)
    {
        var problems = new List<string>();
        foreach (var dropId in complete.Where(d => d.Complete).Select(d => d.DropId).Distinct(StringComparer.Ordinal))
        {
            if (await pipeline.Warehouse.LastPublishedAtAsync(dropId, ct) is not null) continue;
            var publishes = (await workflow.Store.ListAsync(ct))
                .Where(r => r.StateMachineName == LocalWorkflow.PublishDrop && DropOf(r) == dropId).ToList(); // newest first
            if (publishes.Any(r => r.StartDate >= since || r.Status == ExecutionStatus.Running)) continue; // this command's, or a live one
            var last = publishes.FirstOrDefault();
            if (last is null || last.Status == ExecutionStatus.Aborted)
            {
                say($"drop {dropId}: every file is loaded but the drop was never published"
                    + (last is null ? "" : $" ({last.Name} was aborted)") + "; publishing it now");
                await workflow.PublishAsync(dropId, publishNow: false, ct);
                continue;
            }

            problems.Add($"drop {dropId} is complete but not published: its last publish, {last.Name}, ended {ExecutionStatusNames.ToName(last.Status)}"
                + (last.Error is null ? "" : $" ({last.Error})") + $". Why: healthdw executions show {last.Name}; to publish it again: healthdw publish {dropId}");
        }

        return problems;
    }

    /// <summary>The drop a publish-drop execution was started for.</summary>
    public static string? DropOf(ExecutionRecord record) => record.Input?["dropId"]?.GetValue<string>();

    private async Task DropBuildSchemaAsync(string dropId, Action<string> say, CancellationToken ct)
    {
        var schema = BuildTarget.ForDrop(dropId, pipeline.Clock.Now).BuildSchema;
        await pipeline.Sql.ExecuteAsync([$"drop schema if exists {schema} cascade"], atomic: true, ct);
        say($"  drop {dropId}: build schema {schema} dropped");
    }

    /// <summary>Whether a publish decision for the drop was recorded at or after <paramref name="since"/> (true: published,
    /// false: blocked), or null when none was.</summary>
    private async Task<bool?> DecidedSinceAsync(string dropId, DateTimeOffset since, CancellationToken ct)
    {
        var rows = await pipeline.Sql.QueryAsync($"select decided_at, published from audit.drop_publications where drop_id = '{dropId}'", ct);
        var decisions = rows.Where(r => AsInstant(r[0]) >= since).Select(r => Convert.ToBoolean(r[1], CultureInfo.InvariantCulture)).ToList();
        return decisions.Count == 0 ? null : decisions.Any(d => d);
    }

    private static DateTimeOffset AsInstant(object? value) => value switch
    {
        DateTimeOffset instant => instant,
        DateTime { Kind: DateTimeKind.Unspecified } time => new DateTimeOffset(time, TimeSpan.Zero),
        DateTime time => new DateTimeOffset(time.ToUniversalTime(), TimeSpan.Zero),
        _ => DateTimeOffset.MinValue,
    };
}
