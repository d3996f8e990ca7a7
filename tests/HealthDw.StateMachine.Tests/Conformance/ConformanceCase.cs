using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using HealthDw.StateMachine.History;
using HealthDw.StateMachine.Randomness;
using HealthDw.StateMachine.Tests.Support;
using HealthDw.StateMachine.Time;

namespace HealthDw.StateMachine.Tests.Conformance;

/// <summary>
/// One fixture of <c>Conformance/&lt;area&gt;/&lt;case&gt;.json</c>, run on a virtual clock with a seeded random
/// source and sequential UUIDs.
/// <list type="bullet">
/// <item><c>definition</c> (required), <c>input</c>, <c>substitutions</c>, <c>context</c> (fields merged into
/// the Context Object), <c>tasks</c> (a script per function, see <see cref="ScriptedLambdaInvoker"/>),
/// <c>stateMachines</c> (more definitions by name, for startExecution), <c>executionName</c>, <c>startTime</c>,
/// <c>seed</c>, <c>defaultTaskTimeoutSeconds</c>, <c>errorModel</c> ("spec" for the spec's catchable path and intrinsic
/// errors; the service's States.Runtime otherwise), <c>payloadLimitBytes</c>.</item>
/// <item><c>expected</c>: <c>definitionError</c> (a substring of the message) and <c>pointer</c>; or <c>status</c>
/// (default SUCCEEDED, or FAILED when <c>error</c> is given), <c>output</c>, <c>error</c>, <c>cause</c> (a substring),
/// <c>path</c>, <c>taskCalls</c> (per function), <c>calls</c> (payloads per function), <c>elapsedSeconds</c> or
/// <c>elapsedSecondsBetween</c>, <c>executions</c> (how many per state machine), <c>eventTypes</c> (the exact sequence).</item>
/// </list>
/// </summary>
public sealed class ConformanceCase
{
    private readonly JsonObject _fixture;
    private readonly string _file;

    private ConformanceCase(string file, JsonObject fixture)
    {
        _file = file;
        _fixture = fixture;
    }

    public static string Root => Path.Combine(AppContext.BaseDirectory, "Conformance");

    public static ConformanceCase Load(string relativePath)
    {
        var file = Path.Combine(Root, relativePath);
        var fixture = JsonNode.Parse(File.ReadAllText(file)) as JsonObject
            ?? throw new InvalidDataException($"{relativePath}: a fixture must be a JSON object");
        return new ConformanceCase(relativePath, fixture);
    }

    private JsonObject Expected => _fixture["expected"] as JsonObject ?? throw new InvalidDataException($"{_file}: \"expected\" is missing");

    public async Task RunAsync()
    {
        var definitionJson = DefinitionText(_fixture["definition"]);
        if (Expected["definitionError"] is JsonValue definitionError)
        {
            var act = () => AslDefinition.Parse(definitionJson, "Main");
            var thrown = act.Should().Throw<AslDefinitionException>($"{_file} expects a definition error").Which;
            thrown.Message.Should().Contain(definitionError.GetValue<string>());
            if (Expected["pointer"] is JsonValue pointer)
                thrown.Pointer.Should().Be(pointer.GetValue<string>());
            return;
        }

        var clock = new VirtualClock(Start());
        var invoker = new ScriptedLambdaInvoker(Scripts(), clock);
        var runner = new StateMachineRunner(new StateMachineRunnerOptions
        {
            LambdaInvoker = invoker,
            Clock = clock,
            Random = new SeededRandomSource(_fixture["seed"]?.GetValue<int>() ?? 1),
            Ids = new SequentialIdSource(),
            ContextFields = _fixture["context"]?.DeepClone() as JsonObject,
            DefaultTaskTimeoutSeconds = _fixture["defaultTaskTimeoutSeconds"]?.GetValue<int>() ?? 60,
            ErrorModel = _fixture["errorModel"]?.GetValue<string>() == "spec" ? ErrorModel.Spec : ErrorModel.Service,
            PayloadLimitBytes = _fixture["payloadLimitBytes"]?.GetValue<int>() ?? 262_144,
        });
        foreach (var (name, definition) in _fixture["stateMachines"] as JsonObject ?? [])
            runner.Register(AslDefinition.Parse(DefinitionText(definition), name));
        runner.Register(AslDefinition.Parse(definitionJson, "Main"));

        var input = _fixture.TryGetPropertyValue("input", out var given) ? given?.DeepClone() : new JsonObject();
        var record = await runner.StartExecutionAsync("Main", _fixture["executionName"]?.GetValue<string>() ?? "conformance", input);
        await runner.WaitForAllAsync();
        await CheckAsync(record, invoker, runner);
    }

    private async Task CheckAsync(ExecutionRecord record, ScriptedLambdaInvoker invoker, StateMachineRunner runner)
    {
        var expected = Expected;
        var status = expected["status"]?.GetValue<string>() ?? (expected.ContainsKey("error") ? "FAILED" : "SUCCEEDED");
        record.Status.ToName().Should().Be(status, $"{_file}: the execution ended with error {record.Error} ({record.Cause})");
        if (expected.TryGetPropertyValue("output", out var output))
            record.Output.ShouldEqual(output, $"{_file}: the output");
        if (expected["error"] is JsonValue error)
            record.Error.Should().Be(error.GetValue<string>(), $"{_file}: cause was {record.Cause}");
        if (expected["cause"] is JsonValue cause)
            record.Cause.Should().Contain(cause.GetValue<string>(), _file);
        if (expected["path"] is JsonArray path)
            record.Path.Should().Equal(path.Select(p => p!.GetValue<string>()), _file);
        foreach (var (function, count) in expected["taskCalls"] as JsonObject ?? [])
            invoker.CallsTo(function).Should().Be(count!.GetValue<int>(), $"{_file}: calls to {function}");
        foreach (var (function, payloads) in expected["calls"] as JsonObject ?? [])
            new JsonArray([.. invoker.PayloadsTo(function).Select(p => p?.DeepClone())]).ShouldEqual(payloads, $"{_file}: payloads sent to {function}");
        if (expected["elapsedSeconds"] is JsonValue elapsed)
            (record.StopDate!.Value - record.StartDate).TotalSeconds.Should().BeApproximately(elapsed.GetValue<double>(), 0.001, _file);
        if (expected["elapsedSecondsBetween"] is JsonArray range)
            (record.StopDate!.Value - record.StartDate).TotalSeconds.Should().BeInRange(range[0]!.GetValue<double>(), range[1]!.GetValue<double>(), _file);
        if (expected["executions"] is JsonObject executions)
        {
            var all = await runner.Store.ListAsync();
            foreach (var (machine, count) in executions)
                all.Count(r => r.StateMachineName == machine).Should().Be(count!.GetValue<int>(), $"{_file}: executions of {machine}");
        }
        if (expected["eventTypes"] is JsonArray types)
            record.Events.Select(e => e.Type).Should().Equal(types.Select(t => t!.GetValue<string>()), _file);
    }

    private DateTimeOffset Start() =>
        _fixture["startTime"] is JsonValue start
            ? DateTimeOffset.Parse(start.GetValue<string>(), CultureInfo.InvariantCulture)
            : new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private Dictionary<string, IReadOnlyList<JsonObject>> Scripts()
    {
        var scripts = new Dictionary<string, IReadOnlyList<JsonObject>>(StringComparer.Ordinal);
        foreach (var (function, steps) in _fixture["tasks"] as JsonObject ?? [])
            scripts[function] = steps is JsonArray array ? [.. array.Select(s => (JsonObject)s!)] : [(JsonObject)steps!];
        return scripts;
    }

    private string DefinitionText(JsonNode? definition)
    {
        var text = definition?.GetValueKind() == JsonValueKind.String ? definition.GetValue<string>() : definition?.ToJsonString() ?? "null";
        if (_fixture["substitutions"] is JsonObject values)
            text = DefinitionSubstitutions.Apply(text, values.ToDictionary(p => p.Key, p => p.Value!.GetValue<string>()));
        return text;
    }
}
