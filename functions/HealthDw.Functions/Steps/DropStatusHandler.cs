using HealthDw.Core.Configuration;
using HealthDw.Core.Drops;
using HealthDw.Core.Pipeline;
using HealthDw.Core.Ports;
using HealthDw.Core.Routing;

namespace HealthDw.Functions.Steps;

/// <summary>Is Drop Complete?: the ledger's loads of the drop against its manifest (archived in
/// processed/) or, without one, against the tables whose routes are required.</summary>
public sealed class DropStatusHandler(PipelineConfig config, IWarehouse warehouse, IObjectStore store, IClock clock)
{
    public async Task<DropState> HandleAsync(DropStatusRequest request, CancellationToken ct)
    {
        var loads = await warehouse.DropLoadsAsync(request.DropId, ct);
        var manifestKey = BucketLayout.ManifestKey(request.DropId);
        DropManifest? manifest = null;
        if (await store.HeadAsync(manifestKey, ct) is { } head)
            manifest = ManifestReader.Read(manifestKey, await store.ReadPrefixAsync(head, (int)Math.Min(head.Size, 16 << 20), ct));
        return DropCompleteness.Evaluate(config, request.DropId, loads, manifest, clock.Now) with
        {
            LastPublishedAt = await warehouse.LastPublishedAtAsync(request.DropId, ct),
            LateFiles = config.Routes.LateFiles == LateFilePolicy.Notify ? "notify" : "publish",
            RepublishName = $"drop-{request.DropId}-r{loads.Count}",
        };
    }
}
