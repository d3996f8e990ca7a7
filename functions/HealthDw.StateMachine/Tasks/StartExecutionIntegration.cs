using System.Text.Json;
using System.Text.Json.Nodes;
using HealthDw.StateMachine.Execution;
using HealthDw.StateMachine.History;
using HealthDw.StateMachine.Json;

namespace HealthDw.StateMachine.Tasks;

/// <summary>
/// <c>arn:aws:states:::states:startExecution</c> with the parameters StateMachineArn, Name and Input
/// (an object, or JSON text). Without a suffix it returns <c>{"ExecutionArn", "StartDate"}</c> at once;
/// <c>.sync:2</c> waits and returns the DescribeExecution fields with Input and Output as JSON, and
/// <c>.sync</c> the same with them as JSON text. A child that does not succeed fails the task with
/// <c>States.TaskFailed</c>, its description as the cause.
/// </summary>
internal static class StartExecutionIntegration
{
    public static async Task<JsonNode?> RunAsync(TaskResourceKind kind, JsonNode? parameters, StateRun run, CancellationToken ct)
    {
        if (parameters is not JsonObject api || api["StateMachineArn"] is not JsonValue arnValue || arnValue.GetValueKind() != JsonValueKind.String)
            throw StatesErrorException.Runtime($"states:startExecution needs the parameter \"StateMachineArn\" (a string); it got {JsonText.Compact(parameters)}.");
        string? name = null;
        if (api.TryGetPropertyValue("Name", out var nameNode) && nameNode is not null)
        {
            name = nameNode is JsonValue v && v.GetValueKind() == JsonValueKind.String
                ? v.GetValue<string>()
                : throw new StatesErrorException(StatesErrors.InvalidName, $"The execution name must be a string, not {JsonText.Compact(nameNode)}.");
        }
        var input = ReadInput(api);
        var started = await run.Services.Starter.StartFromTaskAsync(arnValue.GetValue<string>(), name, input);
        if (kind == TaskResourceKind.StartExecution)
            return new JsonObject { ["ExecutionArn"] = started.ExecutionArn, ["StartDate"] = AslTimestamp.Format(started.StartDate) };

        var record = await started.Completion.WaitAsync(ct);
        var clock = run.Services.Clock;
        if (record.StopDate is { } stop && stop > clock.Now)
            await clock.DelayAsync(stop - clock.Now, ct);
        var description = Describe(record, asText: kind == TaskResourceKind.StartExecutionSync);
        if (record.Status != ExecutionStatus.Succeeded)
            throw new StatesErrorException(StatesErrors.TaskFailed, JsonText.Compact(description));
        return description;
    }

    private static JsonNode? ReadInput(JsonObject api)
    {
        if (!api.TryGetPropertyValue("Input", out var input))
            return new JsonObject();
        if (input is JsonValue text && text.GetValueKind() == JsonValueKind.String)
        {
            try
            {
                return JsonText.Parse(text.GetValue<string>());
            }
            catch (JsonException)
            {
                throw new StatesErrorException("StepFunctions.InvalidExecutionInputException", "The execution Input string is not JSON text.");
            }
        }
        return JsonText.Clone(input);
    }

    private static JsonObject Describe(ExecutionRecord record, bool asText)
    {
        JsonNode? Data(JsonNode? value) => asText ? JsonValue.Create(JsonText.Compact(value)) : JsonText.Clone(value);
        var description = new JsonObject
        {
            ["ExecutionArn"] = record.ExecutionArn,
            ["Input"] = Data(record.Input),
            ["InputDetails"] = new JsonObject { ["Included"] = true },
            ["Name"] = record.Name,
            ["StartDate"] = AslTimestamp.Format(record.StartDate),
            ["StateMachineArn"] = record.StateMachineArn,
            ["Status"] = record.Status.ToName(),
        };
        if (record.StopDate is { } stop)
            description["StopDate"] = AslTimestamp.Format(stop);
        if (record.Status == ExecutionStatus.Succeeded)
        {
            description["Output"] = Data(record.Output);
            description["OutputDetails"] = new JsonObject { ["Included"] = true };
        }
        if (record.Error is not null)
            description["Error"] = record.Error;
        if (record.Cause is not null)
            description["Cause"] = record.Cause;
        return description;
    }
}
