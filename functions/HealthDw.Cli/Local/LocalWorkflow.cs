using System.Text.Json;
using System.Text.Json.Nodes;
using HealthDw.Core.Pipeline;
using HealthDw.Functions;
using HealthDw.Functions.Events;
using HealthDw.StateMachine;
using HealthDw.StateMachine.History;
using HealthDw.StateMachine.Storage;
using HealthDw.StateMachine.Tasks;
using HealthDw.StateMachine.Time;

namespace HealthDw.Cli.Local;

/// <summary>
/// The Step Functions of a laptop: the very same <c>statemachine/*.asl.json</c>, with local bindings,
/// run by the in-process interpreter against the step handlers. Executions are kept under
/// <c>.healthdw/executions</c> like the console's history, and names stay unique across runs.
/// </summary>
public sealed class LocalWorkflow
{
    public const string IngestFile = "healthdw-" + LocalBindings.IngestFile;
    public const string PublishDrop = "healthdw-" + LocalBindings.PublishDrop;

    private LocalWorkflow(StateMachineRunner runner) => Runner = runner;

    public StateMachineRunner Runner { get; }

    public IExecutionStore Store => Runner.Store;

    /// <param name="decorate">Wraps the invoker (tests inject transient failures this way).</param>
    public static LocalWorkflow Create(LocalPipeline pipeline, LocalSettings settings, IStateMachineClock? clock = null,
        Func<ILambdaInvoker, ILambdaInvoker>? decorate = null)
    {
        ILambdaInvoker invoker = new LocalLambdaInvoker(pipeline.Steps, settings.ReservedConcurrency, settings.FunctionTimeout);
        return Create(decorate?.Invoke(invoker) ?? invoker, settings, clock);
    }

    /// <summary>The workflow over a Lambda invoker of the caller's making (tests shape the functions this way).</summary>
    public static LocalWorkflow Create(ILambdaInvoker invoker, LocalSettings settings, IStateMachineClock? clock = null)
    {
        var runner = new StateMachineRunner(new StateMachineRunnerOptions
        {
            LambdaInvoker = invoker,
            Clock = clock ?? new SystemClock(),
            Store = new FolderExecutionStore(Path.Combine(settings.Home, "executions")),
            DefaultTaskTimeoutSeconds = 3600,
            // Another process tells by this whether an execution it finds RUNNING still has a process (InterruptedRuns).
            Owner = ExecutionOwner.Current,
            BeforeState = StatePause.FromEnvironment(),
        });
        foreach (var machine in StepContract.Shipped.StateMachines)
        {
            var path = Path.Combine(settings.StateMachineFolder, machine.Name + ".asl.json");
            var json = DefinitionSubstitutions.Apply(File.ReadAllText(path), LocalBindings.Values);
            runner.Register(AslDefinition.Parse(json, "healthdw-" + machine.Name));
        }

        return new LocalWorkflow(runner);
    }

    /// <summary>Runs ingest-file for one event, as EventBridge would start it.</summary>
    public async Task<ExecutionRecord> IngestAsync(S3ObjectCreatedEvent e, CancellationToken ct)
    {
        var input = JsonNode.Parse(JsonSerializer.SerializeToUtf8Bytes(e, HealthDwJsonContext.Default.S3ObjectCreatedEvent));
        return await Runner.StartExecutionAsync(IngestFile, ExecutionName(e.Detail.Object.Key, e.Id), input, ct);
    }

    /// <summary>
    /// Starts publish-drop for a drop, as a person starts it again in the console, and waits for it to end. The execution
    /// name is <c>drop-&lt;id&gt;</c> when the drop never had one, else <c>drop-&lt;id&gt;-r&lt;n&gt;</c> with the first free n: names
    /// are unique per state machine for good (StartExecution refuses a taken one with ExecutionAlreadyExists), and
    /// <c>drop-&lt;id&gt;</c> belongs to the first publish.
    /// </summary>
    /// <param name="publishNow">Publish what is loaded even when the drop is not complete (a publish by hand).</param>
    public async Task<ExecutionRecord> PublishAsync(string dropId, bool publishNow, CancellationToken ct)
    {
        var taken = (await Store.ListAsync(ct)).Where(r => r.StateMachineName == PublishDrop).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var name = PublishExecutionName(dropId, taken);
        var input = new JsonObject { ["dropId"] = dropId };
        if (publishNow) input["publishNow"] = true;
        return await Runner.StartExecutionAsync(PublishDrop, name, input, ct);
    }

    /// <summary><c>drop-&lt;id&gt;</c>, or <c>drop-&lt;id&gt;-r&lt;n&gt;</c> (n from 2) when names before it are taken.</summary>
    public static string PublishExecutionName(string dropId, IReadOnlySet<string> taken)
    {
        var first = $"drop-{dropId}";
        if (!taken.Contains(first)) return first;
        for (var n = 2; ; n++)
        {
            var name = $"{first}-r{n}";
            if (!taken.Contains(name)) return name;
        }
    }

    /// <summary>A readable, unique execution name: the file's name and the event's id (Step Functions allows 80 characters).</summary>
    public static string ExecutionName(string key, string eventId)
    {
        var file = key[(key.LastIndexOf('/') + 1)..];
        var safe = new string(file.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());
        var suffix = new string(eventId.Where(char.IsAsciiLetterOrDigit).TakeLast(8).ToArray());
        return $"{safe[..Math.Min(safe.Length, 70)]}-{suffix}";
    }
}
