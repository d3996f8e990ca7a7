using HealthDw.Core.Configuration;
using HealthDw.Core.Routing;
using HealthDw.Functions.Events;

namespace HealthDw.Functions.Steps;

/// <summary>Route File: an S3 "Object Created" event → target table, drop id and part, by name alone.</summary>
public sealed class RouteFileHandler(PipelineConfig config)
{
    public RouteResult Handle(RouteRequest request)
    {
        // A payload without "event" (say, a definition that passes the bare EventBridge event) is a wiring mistake.
        if (request.Event?.Detail?.Object?.Key is null)
            throw new StepFailedException(StepFailedException.BadInput,
                "route-file expects {\"event\": <the S3 Object Created event>, \"executionId\": ...}; the payload has no event.detail.object.key");
        var result = Handle(request.Event);
        return request.ExecutionId is null ? result : result with { File = result.File with { ExecutionId = request.ExecutionId } };
    }

    public RouteResult Handle(S3ObjectCreatedEvent e)
    {
        var detail = e.Detail;
        var key = detail.Object.Key; // as it is: EventBridge does not URL-encode keys (see S3ObjectCreatedEvent)
        var decision = config.Routes.Resolve(key);
        var file = new FileRef(detail.Bucket.Name, key, detail.Object.Size, (detail.Object.Etag ?? "").Trim('"'),
            detail.Object.VersionId, decision.Table, decision.DropId, decision.Part);
        var kind = decision.Kind switch
        {
            RouteKind.Routed => StepStatus.Routed,
            RouteKind.Ignored => StepStatus.Ignored,
            RouteKind.Control => StepStatus.Control,
            _ => StepStatus.Unknown,
        };
        return new RouteResult(kind, file, decision.Reason,
            decision.Kind == RouteKind.Unknown ? ArchiveFileHandler.UnknownFile(decision.Reason) : null);
    }
}
