using System.Text.Json.Nodes;
using HealthDw.StateMachine.Choice;
using HealthDw.StateMachine.Intrinsics;
using HealthDw.StateMachine.Paths;
using HealthDw.StateMachine.Payload;

namespace HealthDw.StateMachine.Definition;

// The eight state types of the spec's "State Types" section, as read from a definition.

internal sealed class PassState : StateDefinition
{
    public override string Type => "Pass";

    public PayloadTemplate? Parameters { get; init; }

    public bool HasResult { get; init; }

    public JsonNode? Result { get; init; }

    public JsonPath? ResultPath { get; init; } = JsonPath.Root;
}

internal sealed class TaskState : StateDefinition
{
    public override string Type => "Task";

    public required string Resource { get; init; }

    public PayloadTemplate? Parameters { get; init; }

    public PayloadTemplate? ResultSelector { get; init; }

    public JsonPath? ResultPath { get; init; } = JsonPath.Root;

    public ErrorHandlers Handlers { get; init; } = ErrorHandlers.None;

    public int? TimeoutSeconds { get; init; }

    public JsonPath? TimeoutSecondsPath { get; init; }
}

internal sealed class ChoiceState : StateDefinition
{
    public override string Type => "Choice";

    public required IReadOnlyList<ChoiceBranch> Choices { get; init; }

    public string? Default { get; init; }
}

internal sealed class WaitState : StateDefinition
{
    public override string Type => "Wait";

    public long? Seconds { get; init; }

    public JsonPath? SecondsPath { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    public JsonPath? TimestampPath { get; init; }
}

internal sealed class SucceedState : StateDefinition
{
    public override string Type => "Succeed";
}

/// <summary>A Fail state; ErrorPath and CausePath are Reference Paths or Intrinsic Functions.</summary>
internal sealed class FailState : StateDefinition
{
    public override string Type => "Fail";

    public string? Error { get; init; }

    public string? Cause { get; init; }

    public JsonPath? ErrorPath { get; init; }

    public IntrinsicCall? ErrorFunction { get; init; }

    public JsonPath? CausePath { get; init; }

    public IntrinsicCall? CauseFunction { get; init; }
}

internal sealed class ParallelState : StateDefinition
{
    public override string Type => "Parallel";

    public required IReadOnlyList<StateGraph> Branches { get; init; }

    public PayloadTemplate? Parameters { get; init; }

    public PayloadTemplate? ResultSelector { get; init; }

    public JsonPath? ResultPath { get; init; } = JsonPath.Root;

    public ErrorHandlers Handlers { get; init; } = ErrorHandlers.None;
}

/// <summary>An inline Map state; ItemSelector also stands for the deprecated Parameters, ItemProcessor for Iterator.</summary>
internal sealed class MapState : StateDefinition
{
    public override string Type => "Map";

    public required StateGraph Processor { get; init; }

    public JsonPath ItemsPath { get; init; } = JsonPath.Root;

    public PayloadTemplate? ItemSelector { get; init; }

    public int? MaxConcurrency { get; init; }

    public JsonPath? MaxConcurrencyPath { get; init; }

    public int? ToleratedFailureCount { get; init; }

    public JsonPath? ToleratedFailureCountPath { get; init; }

    public double? ToleratedFailurePercentage { get; init; }

    public JsonPath? ToleratedFailurePercentagePath { get; init; }

    public PayloadTemplate? ResultSelector { get; init; }

    public JsonPath? ResultPath { get; init; } = JsonPath.Root;

    public ErrorHandlers Handlers { get; init; } = ErrorHandlers.None;
}
