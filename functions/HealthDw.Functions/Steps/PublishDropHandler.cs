using HealthDw.Core.Drops;
using HealthDw.Core.Ports;
using HealthDw.Core.Publishing;

namespace HealthDw.Functions.Steps;

/// <summary>Transform, Check And Publish: write-audit-publish for a drop, as of the drop's time.</summary>
public sealed class PublishDropHandler(DropPublisher publisher, DropStatusHandler status, IWarehouse warehouse)
{
    public async Task<PublishDropResult> HandleAsync(DropStatusRequest request, CancellationToken ct)
    {
        var asOf = DropCompleteness.DropTime(request.DropId)
                   ?? throw new StepFailedException(StepFailedException.BadInput, $"'{request.DropId}' is not a drop id (yyyyMMddTHHmm)");
        var state = await status.HandleAsync(request, ct);
        if (state.LoadedFiles == 0)
            throw new StepFailedException(StepFailedException.BadInput,
                $"no file of drop {request.DropId} has been loaded, so there is nothing to publish; check the drop id (healthdw status lists the loads)");
        var outcome = await publisher.PublishAsync(request.DropId, asOf, state, null, ct);
        var (summary, lines) = DropDigest.Build(outcome, state, await warehouse.DropRejectionsAsync(request.DropId, ct));
        return new PublishDropResult(request.DropId, outcome.Published, summary, lines, outcome.Blockers);
    }
}
