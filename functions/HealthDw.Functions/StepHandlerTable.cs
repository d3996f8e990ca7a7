using System.Data.Common;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using HealthDw.Core.Ports;
using HealthDw.Functions.Events;
using HealthDw.Core.Publishing;
using HealthDw.Functions.Steps;

namespace HealthDw.Functions;

/// <summary>One step, as the Lambda host and the local runner both call it: JSON bytes in, JSON bytes out.</summary>
public delegate Task<byte[]> StepHandler(ReadOnlyMemory<byte> input, CancellationToken ct);

/// <summary>
/// Every step by its handler name (the Lambda's <c>_HANDLER</c>, the local function name): the one
/// place that maps JSON to the handlers, so AWS and the laptop run the very same code.
/// </summary>
public sealed class StepHandlerTable
{
    public const string RouteFile = "route-file";
    public const string ValidateFile = "validate-file";
    public const string LoadToStaging = "load-to-staging";
    public const string ArchiveFile = "archive-file";
    public const string DropStatus = "drop-status";
    public const string Notify = "notify";
    public const string PublishDrop = "publish-drop";
    public const string LoadStatus = "load-status";

    /// <summary>Wires every step over the host's adapters.</summary>
    public StepHandlerTable(StepPorts ports)
    {
        var (config, store, warehouse, clock) = (ports.Config, ports.Store, ports.Warehouse, ports.Clock);
        Publisher = new DropPublisher(ports.Analytics, ports.Sql, ports.Dialect, ports.Statements, ports.CheckHistory, clock, ports.PublishProgress);
        var route = new RouteFileHandler(config, store);
        var validate = new ValidateFileHandler(config, store, warehouse);
        var load = Load = new LoadToStagingHandler(config, ports.Loader, new ArchivedVersion(store, warehouse));
        var archive = new ArchiveFileHandler(store, warehouse, clock);
        var dropStatus = new DropStatusHandler(config, warehouse, store, clock);
        var notify = new NotifyHandler(ports.Notifier, ports.AlertWindow, clock, ports.ExecutionLink);
        var publish = new PublishDropHandler(Publisher, warehouse);
        var loadProgress = ports.LoadProgress;
        var json = HealthDwJsonContext.Default;
        Handlers = new Dictionary<string, StepHandler>(StringComparer.Ordinal)
        {
            [RouteFile] = Wrap(json.RouteRequest, json.RouteResult, route.HandleAsync),
            [ValidateFile] = Wrap(json.RoutedFile, json.FileVerdict, validate.HandleAsync),
            [LoadToStaging] = Wrap(json.RoutedFile, json.FileVerdict, (f, ct) => load.HandleAsync(f, loadProgress, ct)),
            [LoadStatus] = Wrap(json.LoadStatusRequest, json.FileVerdict, load.ResumeAsync),
            [ArchiveFile] = Wrap(json.ArchiveRequest, json.ArchiveResult, archive.HandleAsync),
            [DropStatus] = Wrap(json.DropStatusRequest, json.DropState, dropStatus.HandleAsync),
            [Notify] = Wrap(json.NotifyRequest, json.NotifyResult, notify.HandleAsync),
            [PublishDrop] = ByPhase(new Dictionary<string, StepHandler>(StringComparer.Ordinal)
            {
                [PublishDropHandler.BuildModels] = Wrap(json.PublishPhaseRequest, json.BuildProgress, publish.BuildAsync),
                [PublishDropHandler.CheckModels] = Wrap(json.PublishPhaseRequest, json.BuildProgress, publish.PollBuildAsync),
                [PublishDropHandler.RunChecks] = Wrap(json.PublishPhaseRequest, json.CheckProgress, publish.CheckAsync),
                [PublishDropHandler.CheckChecks] = Wrap(json.PublishPhaseRequest, json.CheckProgress, publish.PollChecksAsync),
                [PublishDropHandler.Reconcile] = Wrap(json.PublishPhaseRequest, json.ReconcileResult, publish.ReconcileAsync),
                [PublishDropHandler.PublishOrDiscard] = Wrap(json.PublishPhaseRequest, json.PublishDropResult, publish.FinishAsync),
                [PublishDropHandler.RecordFailure] = Wrap(json.PublishPhaseRequest, json.PublishAttemptEvent, publish.RecordFailureAsync),
            }),
        };
    }

    public IReadOnlyDictionary<string, StepHandler> Handlers { get; }

    public DropPublisher Publisher { get; }

    public LoadToStagingHandler Load { get; }

    /// <summary>One function whose input names its phase (publish-drop: one Lambda, one state per phase).</summary>
    private static StepHandler ByPhase(IReadOnlyDictionary<string, StepHandler> phases) =>
        (bytes, ct) =>
        {
            string? phase = null;
            try
            {
                using var input = JsonDocument.Parse(bytes);
                if (input.RootElement.ValueKind == JsonValueKind.Object && input.RootElement.TryGetProperty("phase", out var value)
                    && value.ValueKind == JsonValueKind.String)
                    phase = value.GetString();
            }
            catch (JsonException e)
            {
                throw new StepFailedException(StepFailedException.BadInput, $"the step's input is not JSON: {e.Message}", e);
            }

            return phase is not null && phases.TryGetValue(phase, out var handler)
                ? handler(bytes, ct)
                : throw new StepFailedException(StepFailedException.BadInput,
                    $"the step's input names no phase it knows ('phase': {string.Join(", ", phases.Keys)}); it named {(phase is null ? "none" : $"'{phase}'")}");
        };

    private static StepHandler Wrap<TIn, TOut>(JsonTypeInfo<TIn> input, JsonTypeInfo<TOut> output, Func<TIn, CancellationToken, Task<TOut>> handle) =>
        async (bytes, ct) =>
        {
            TIn request;
            try
            {
                request = JsonSerializer.Deserialize(bytes.Span, input) ?? throw new JsonException("the input is null");
            }
            catch (Exception e) when (e is JsonException or ArgumentException) // ArgumentException: a record refused a missing field
            {
                throw new StepFailedException(StepFailedException.BadInput, $"the step's input is not a {typeof(TIn).Name}: {e.Message}", e);
            }

            try
            {
                return JsonSerializer.SerializeToUtf8Bytes(await handle(request, ct), output);
            }
            catch (Exception e) when (IsTransient(e, ct))
            {
                throw new StepFailedException(StepFailedException.Transient, $"{e.GetType().Name}: {e.Message}", e);
            }
            catch (Exception e) when (e is not StepFailedException and not OperationCanceledException)
            {
                throw new StepFailedException(StepFailedException.Failed, $"{e.GetType().Name}: {e.Message}", e);
            }
        };

    /// <summary>Failures worth a retry: the warehouse or another adapter says so (the secrets extension not ready yet, a
    /// Snowflake call that ran out of in-process retries), the network dropped, a timeout.</summary>
    private static bool IsTransient(Exception e, CancellationToken ct) => e switch
    {
        DbException db => db.IsTransient,
        ITransientFailure failure => failure.IsTransient,
        HttpRequestException or TimeoutException => true,
        IOException when e.GetType() == typeof(IOException) => true,
        OperationCanceledException when !ct.IsCancellationRequested => true,
        _ => false,
    };
}
