using HealthDw.Core.Configuration;
using HealthDw.Core.Ports;
using HealthDw.Core.Routing;
using HealthDw.Functions.Events;

namespace HealthDw.Functions.Steps;

/// <summary>Route File: an S3 "Object Created" event → target table, drop id and part, by name alone.</summary>
/// <param name="store">With a store, <see cref="HandleAsync"/> also reads the identity a copied file keeps (see there).</param>
public sealed class RouteFileHandler(PipelineConfig config, IObjectStore? store = null)
{
    /// <summary>
    /// <see cref="Handle(RouteRequest)"/>, and for a routed file that S3 made by a copy one HEAD of its key: where that is
    /// the event's version and it carries an origin (<see cref="ObjectRef.OriginVersion"/>: a copy the S3 adapter made, such
    /// as a replay from processed/ or error_files/, or a person's copy of one in the console, which keeps user metadata), the
    /// file keeps the identity it was loaded or refused under, and the ledger makes a replay of a loaded file
    /// <c>already_loaded</c>. The event's <c>reason</c> names the API that created the object (S3 User Guide, "Using
    /// EventBridge": PutObject, POST Object, CopyObject or CompleteMultipartUpload; a copy over 5 GB completes a multipart
    /// upload), so a vendor's plain upload costs no HEAD. A key that holds another version by now gets no origin here: the
    /// later steps find the event's version gone, as before.
    /// </summary>
    public async Task<RouteResult> HandleAsync(RouteRequest request, CancellationToken ct)
    {
        var result = Handle(request);
        if (store is null || result.Kind != StepStatus.Routed || request.Event.Detail.Reason is not (CopyReason or MultipartReason))
            return result;
        var file = result.File;
        return await store.HeadAsync(file.Key, ct) is { OriginVersion: { } origin } there
               && string.Equals(there.StoredToken, file.Object.StoredToken, StringComparison.Ordinal)
            ? result with { File = file with { OriginVersion = origin } }
            : result;
    }

    private const string CopyReason = "CopyObject";
    private const string MultipartReason = "CompleteMultipartUpload";

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
