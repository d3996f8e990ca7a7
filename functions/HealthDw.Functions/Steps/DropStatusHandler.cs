using HealthDw.Core.Configuration;
using HealthDw.Core.Drops;
using HealthDw.Core.Pipeline;
using HealthDw.Core.Ports;
using HealthDw.Core.Routing;

namespace HealthDw.Functions.Steps;

/// <summary>Is Drop Complete?: the ledger's loads of the drop against its manifest (archived in
/// processed/) or, without one, against the tables whose routes are required; and
/// the publish-drop execution to start for it now, from the warehouse's record of the attempts (<see cref="PublishPlan"/>).</summary>
public sealed class DropStatusHandler(PipelineConfig config, IWarehouse warehouse, IObjectStore store, IClock clock)
{
    public async Task<DropState> HandleAsync(DropStatusRequest request, CancellationToken ct)
    {
        var dropId = request.DropId.Value;
        var loads = await warehouse.DropLoadsAsync(dropId, ct);
        var manifestKey = request.DropId.ManifestKey;
        DropManifest? manifest = null;
        if (await store.HeadAsync(manifestKey, ct) is { } head)
            manifest = ManifestReader.Read(manifestKey, await store.ReadPrefixAsync(head, (int)Math.Min(head.Size, 16 << 20), ct));
        // The caller's own attempts (publish-drop's Check Drop) are not another publish to wait for.
        var self = request.ExecutionId?[(request.ExecutionId.LastIndexOf(':') + 1)..];
        var attempts = (await warehouse.PublishAttemptsAsync(dropId, ct)).Where(a => a.ExecutionName != self).ToList();
        var plan = PublishPlan.For(dropId, loads.Count == 0 ? null : loads.Max(l => l.LoadedAt), attempts);
        return DropCompleteness.Evaluate(config, dropId, loads, manifest, clock.Now) with
        {
            LastPublishedAt = await warehouse.LastPublishedAtAsync(dropId, ct),
            LateFiles = config.Routes.LateFiles == LateFilePolicy.Notify ? "notify" : "publish",
            PublishName = plan.Name,
            PublishCovered = plan.Covered,
            PublishRunning = plan.Running,
        };
    }
}
