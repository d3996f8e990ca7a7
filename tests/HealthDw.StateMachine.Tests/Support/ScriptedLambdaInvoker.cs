using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using HealthDw.StateMachine.Tasks;
using HealthDw.StateMachine.Time;

namespace HealthDw.StateMachine.Tests.Support;

/// <summary>
/// A Lambda invoker that plays a script per function: each call takes the next step, and the last step
/// repeats. A step is <c>{"result": X}</c>, <c>{"error": "E", "cause": "C"}</c> (a function error),
/// <c>{"throw": "message"}</c> (an exception that is not a function error), or <c>{"echo": true}</c>;
/// any step may add <c>"durationSeconds"</c>, time the call takes on the clock. Functions without a
/// script echo their payload. Scripts are keyed by the name the task passes, or by the last part of a
/// function ARN.
/// </summary>
public sealed class ScriptedLambdaInvoker(IReadOnlyDictionary<string, IReadOnlyList<JsonObject>> scripts, IStateMachineClock clock) : ILambdaInvoker
{
    private readonly ConcurrentDictionary<string, List<JsonNode?>> _calls = new(StringComparer.Ordinal);

    public int CallsTo(string function) => _calls.TryGetValue(function, out var calls) ? calls.Count : 0;

    public int TotalCalls => _calls.Values.Sum(c => c.Count);

    public IReadOnlyList<JsonNode?> PayloadsTo(string function)
    {
        if (!_calls.TryGetValue(function, out var calls))
            return [];
        lock (calls)
            return [.. calls];
    }

    public async Task<JsonNode?> InvokeAsync(string functionNameOrArn, JsonNode? payload, CancellationToken cancellationToken)
    {
        var key = scripts.ContainsKey(functionNameOrArn) ? functionNameOrArn : ShortName(functionNameOrArn);
        var calls = _calls.GetOrAdd(key, _ => []);
        int number;
        lock (calls)
        {
            calls.Add(payload?.DeepClone());
            number = calls.Count;
        }
        if (!scripts.TryGetValue(key, out var steps) || steps.Count == 0)
            return payload?.DeepClone();
        var step = steps[Math.Min(number - 1, steps.Count - 1)];
        if (step["durationSeconds"] is JsonValue duration)
            await clock.DelayAsync(TimeSpan.FromSeconds(duration.GetValue<double>()), cancellationToken);
        if (step["error"] is JsonValue error)
            throw new TaskFailedException(error.GetValue<string>(), step["cause"]?.GetValue<string>());
        if (step["throw"] is JsonValue message)
            throw new InvalidOperationException(message.GetValue<string>());
        if (step["echo"]?.GetValueKind() == JsonValueKind.True)
            return payload?.DeepClone();
        return step.TryGetPropertyValue("result", out var result) ? result?.DeepClone() : null;
    }

    private static string ShortName(string functionNameOrArn)
    {
        var marker = functionNameOrArn.IndexOf(":function:", StringComparison.Ordinal);
        return marker < 0 ? functionNameOrArn : functionNameOrArn[(marker + ":function:".Length)..].Split(':')[0];
    }
}
