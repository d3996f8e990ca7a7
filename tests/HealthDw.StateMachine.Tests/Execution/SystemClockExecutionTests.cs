using System.Text.Json.Nodes;
using HealthDw.StateMachine.History;
using HealthDw.StateMachine.Tasks;

namespace HealthDw.StateMachine.Tests.Execution;

public class SystemClockExecutionTests
{
    [Fact]
    public async Task StartExecution_WhenMapRunsAsyncTasksConcurrently_ShouldKeepItemOrderAndRecordEveryIteration()
    {
        var invoker = new AsyncInvoker();
        var runner = new StateMachineRunner(new StateMachineRunnerOptions { LambdaInvoker = invoker });
        runner.Register(AslDefinition.Parse("""
            {"StartAt": "Fan", "States": {
              "Fan": {"Type": "Map", "MaxConcurrency": 3,
                "ItemProcessor": {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "Branches": [
                  {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "Double", "Payload.$": "$"}, "OutputPath": "$.Payload", "End": true}}},
                  {"StartAt": "B", "States": {"B": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Double", "End": true}}}], "End": true}}},
                "End": true}}}
            """, "fan"));
        var input = new JsonArray([.. Enumerable.Range(1, 20).Select(i => (JsonNode)JsonValue.Create(i))]);

        var record = await runner.StartExecutionAsync("fan", "real-clock", input);

        record.Status.Should().Be(ExecutionStatus.Succeeded, record.Cause);
        record.Output!.AsArray().Select(pair => pair![0]!.GetValue<int>()).Should().Equal(Enumerable.Range(1, 20).Select(i => i * 2));
        invoker.MostAtOnce.Should().BeInRange(2, 6);
        record.Events.Count(e => e.Type == HistoryEventTypes.MapIterationSucceeded).Should().Be(20);
        record.Events.Select(e => e.Id).Should().OnlyHaveUniqueItems().And.BeInAscendingOrder();
    }

    [Fact]
    public async Task StartExecution_WhenTaskOutlivesItsTimeout_ShouldFailWithStatesTimeout()
    {
        var runner = new StateMachineRunner(new StateMachineRunnerOptions { LambdaInvoker = new AsyncInvoker(TimeSpan.FromSeconds(30)) });
        runner.Register(AslDefinition.Parse("""
            {"StartAt": "Slow", "States": {"Slow": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Slow", "TimeoutSeconds": 1, "End": true}}}
            """, "slow"));

        var record = await runner.StartExecutionAsync("slow", "times-out", new JsonObject());

        record.Status.Should().Be(ExecutionStatus.Failed);
        record.Error.Should().Be(StatesErrors.Timeout);
    }

    private sealed class AsyncInvoker(TimeSpan? delay = null) : ILambdaInvoker
    {
        private int _running;
        private int _most;

        public int MostAtOnce => _most;

        public async Task<JsonNode?> InvokeAsync(string functionNameOrArn, JsonNode? payload, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref _running);
            InterlockedMax(ref _most, now);
            try
            {
                await Task.Delay(delay ?? TimeSpan.FromMilliseconds(5), cancellationToken);
                return JsonValue.Create(payload!.GetValue<int>() * 2);
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }
    }
}
