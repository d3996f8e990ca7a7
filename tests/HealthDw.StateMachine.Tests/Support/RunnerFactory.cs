using System.Text.Json.Nodes;
using HealthDw.StateMachine.Randomness;
using HealthDw.StateMachine.Storage;
using HealthDw.StateMachine.Time;

namespace HealthDw.StateMachine.Tests.Support;

/// <summary>A runner on a virtual clock, a seeded random source and sequential ids, with a scripted invoker.</summary>
public static class RunnerFactory
{
    public static (StateMachineRunner Runner, ScriptedLambdaInvoker Invoker, VirtualClock Clock) Create(
        IReadOnlyDictionary<string, IReadOnlyList<JsonObject>>? scripts = null, IExecutionStore? store = null, int seed = 1)
    {
        var clock = new VirtualClock(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var invoker = new ScriptedLambdaInvoker(scripts ?? new Dictionary<string, IReadOnlyList<JsonObject>>(), clock);
        var runner = new StateMachineRunner(new StateMachineRunnerOptions
        {
            LambdaInvoker = invoker,
            Clock = clock,
            Random = new SeededRandomSource(seed),
            Ids = new SequentialIdSource(),
            Store = store ?? new InMemoryExecutionStore(),
        });
        return (runner, invoker, clock);
    }

    public static JsonObject Step(string json) => (JsonObject)JsonNode.Parse(json)!;
}
