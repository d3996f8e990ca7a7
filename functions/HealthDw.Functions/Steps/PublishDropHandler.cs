using HealthDw.Core.Checks;
using HealthDw.Core.Drops;
using HealthDw.Core.Models;
using HealthDw.Core.Ports;
using HealthDw.Core.Publishing;

namespace HealthDw.Functions.Steps;

/// <summary>
/// The publish-drop phases, one per state: Build Models and Check Models, Run Checks and Check Checks, Reconcile, Publish
/// or Discard. Each call does a short piece of work and returns: long statements are submitted to the warehouse and the
/// workflow polls them between Wait states. A phase that fails says which phase, and which model or checks.
/// </summary>
public sealed class PublishDropHandler(DropPublisher publisher, IWarehouse warehouse)
{
    public const string BuildModels = "build-models";
    public const string CheckModels = "check-models";
    public const string RunChecks = "run-checks";
    public const string CheckChecks = "check-checks";
    public const string Reconcile = "reconcile";
    public const string PublishOrDiscard = "publish-or-discard";

    /// <summary>The failure routes' record that this attempt ended without publishing (a step failed, the drop was incomplete).</summary>
    public const string RecordFailure = "record-failure";

    public static IReadOnlyList<string> Phases { get; } = [BuildModels, CheckModels, RunChecks, CheckChecks, Reconcile, PublishOrDiscard, RecordFailure];

    public async Task<BuildProgress> BuildAsync(PublishPhaseRequest request, CancellationToken ct)
    {
        var drop = DropOf(request);
        if (drop.LoadedFiles == 0)
            throw new StepFailedException(StepFailedException.BadInput,
                $"no file of drop {request.DropId} has been loaded, so there is nothing to publish; check the drop id (healthdw status lists the loads)");
        // Recorded before the build reads staging: a load stamped before this moment is in the build; one after it may not be.
        await RecordAsync(request, PublishAttemptEvent.Building, ct);
        return await Phase("Build Models", () => publisher.BuildAsync(request.DropId, AsOf(request), null, ct));
    }

    public Task<BuildProgress> PollBuildAsync(PublishPhaseRequest request, CancellationToken ct)
    {
        var build = request.Build ?? throw Missing(request, "build");
        return Phase("Build Models", () => publisher.PollBuildAsync(request.DropId, AsOf(request), build, null, ct));
    }

    public Task<CheckProgress> CheckAsync(PublishPhaseRequest request, CancellationToken ct) =>
        Phase("Run Checks", () => publisher.CheckAsync(request.DropId, AsOf(request), null, ct));

    public Task<CheckProgress> PollChecksAsync(PublishPhaseRequest request, CancellationToken ct)
    {
        var checks = request.Checks ?? throw Missing(request, "checks");
        return Phase("Run Checks", () => publisher.PollChecksAsync(request.DropId, AsOf(request), checks, ct));
    }

    public async Task<ReconcileResult> ReconcileAsync(PublishPhaseRequest request, CancellationToken ct)
    {
        var lines = await Phase("Reconcile", () => publisher.ReconcileAsync(request.DropId, AsOf(request), DropOf(request), ct));
        return new ReconcileResult(lines, lines.All(l => l.Matches));
    }

    public async Task<PublishDropResult> FinishAsync(PublishPhaseRequest request, CancellationToken ct)
    {
        var state = DropOf(request);
        var build = request.Build ?? throw Missing(request, "build");
        var checks = request.Checks ?? throw Missing(request, "checks");
        var totals = request.Reconciliation ?? throw Missing(request, "reconciliation");
        var outcome = await Phase("Publish or Discard",
            () => publisher.FinishAsync(request.DropId, AsOf(request), state, build, checks, totals, null, ct));
        await RecordAsync(request, outcome.Published ? PublishAttemptEvent.Published : PublishAttemptEvent.Blocked, ct);
        var loads = await warehouse.DropLoadsAsync(request.DropId, ct);
        var (summary, lines) = DropDigest.Build(outcome, state, await warehouse.DropRejectionsAsync(request.DropId, ct), loads);
        // Each load's time against the publish's start, both stamped by the warehouse: loaded before it, the build read it;
        // after it, maybe not. Each such file's own ingest-file found this attempt building and started the next publish-drop,
        // which waits for this one to end (Check Drop) and then publishes the drop with it.
        var started = (await warehouse.PublishAttemptsAsync(request.DropId, ct))
            .Where(a => a.ExecutionName == AttemptName(request) && a.Event == PublishAttemptEvent.Building).Select(a => (DateTimeOffset?)a.At).Min();
        var during = started is null ? 0 : loads.Count(l => l.LoadedAt >= started);
        if (during > 0)
            lines = [.. lines, $"{during} file(s) of the drop loaded while this publish ran may not be in it: the next publish-drop of the drop, started by their ingest, includes them"];
        return new PublishDropResult(request.DropId, outcome.Published, summary, lines, outcome.Blockers, during);
    }

    /// <summary>The failure routes (Notify Publish Failure, Notify Drop Incomplete) end the attempt in the record, so the drop's
    /// next file starts a new publish-drop instead of waiting for this one or taking its name. So does the rule on Step
    /// Functions' Execution Status Change event (an execution stopped, timed out or failed where no Catch runs): its payload
    /// has the execution's ARN alone, and the drop comes from the execution's name.</summary>
    public async Task<PublishAttemptEvent> RecordFailureAsync(PublishPhaseRequest request, CancellationToken ct)
    {
        var name = AttemptName(request) ?? throw Missing(request, "executionId");
        var dropId = request.DropId is { Length: > 0 } given
            ? given
            : PublishPlan.DropIdOf(name) ?? throw new StepFailedException(StepFailedException.BadInput,
                $"'{name}' is not a publish-drop execution's name (drop-<drop id> or drop-<drop id>-r<n>), so it names no publish attempt to end");
        // Once per attempt: an execution whose failure route ended it (and then failed, as Publish Failed does) or that
        // published sends the event as well, and EventBridge may deliver an event twice.
        if ((await warehouse.PublishAttemptsAsync(dropId, ct)).LastOrDefault(a => a.ExecutionName == name && a.Event != PublishAttemptEvent.Building) is { } ended)
            return ended;
        await warehouse.RecordPublishAttemptAsync(dropId, name, PublishAttemptEvent.Failed, ct);
        return (await warehouse.PublishAttemptsAsync(dropId, ct)).Last(a => a.ExecutionName == name);
    }

    /// <summary>The execution's name, the last part of its ARN ($$.Execution.Id:
    /// arn:aws:states:…:execution:&lt;state machine&gt;:&lt;name&gt;); null when the payload has none.</summary>
    private static string? AttemptName(PublishPhaseRequest request) =>
        request.ExecutionId is { Length: > 0 } id ? id[(id.LastIndexOf(':') + 1)..] : null;

    /// <summary>Only an execution can be an attempt: a phase called without its execution id records nothing.</summary>
    private async Task RecordAsync(PublishPhaseRequest request, string kind, CancellationToken ct)
    {
        if (AttemptName(request) is { } name)
            await warehouse.RecordPublishAttemptAsync(request.DropId, name, kind, ct);
    }

    private static DateTimeOffset AsOf(PublishPhaseRequest request) =>
        new HealthDw.Core.Pipeline.DropId(request.DropId).Time
        ?? throw new StepFailedException(StepFailedException.BadInput, $"'{request.DropId}' is not a drop id (yyyyMMddTHHmm)");

    private static DropState DropOf(PublishPhaseRequest request)
    {
        _ = AsOf(request);
        return request.Drop ?? throw Missing(request, "drop");
    }

    private static StepFailedException Missing(PublishPhaseRequest request, string field) =>
        new(StepFailedException.BadInput, $"the {request.Phase} phase of drop {request.DropId} needs '{field}' (what the phase before it found) in its input");

    /// <summary>A statement the warehouse refused fails the phase, named with it: "Build Models: model fact_claim (…): …".</summary>
    private static async Task<T> Phase<T>(string name, Func<Task<T>> run)
    {
        try
        {
            return await run();
        }
        catch (WarehouseSqlException e)
        {
            throw new StepFailedException(StepFailedException.Failed, $"{name}: {e.Message}", e);
        }
    }
}
