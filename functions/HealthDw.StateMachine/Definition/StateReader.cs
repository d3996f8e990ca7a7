using System.Collections.Frozen;
using HealthDw.StateMachine.Choice;
using HealthDw.StateMachine.Json;
using HealthDw.StateMachine.Paths;
using HealthDw.StateMachine.Payload;

namespace HealthDw.StateMachine.Definition;

/// <summary>Reads one state of each type with the fields the spec allows it (spec, "State Types").</summary>
internal sealed class StateReader(Func<FieldReader, string, StateGraph> readGraph)
{
    private static readonly FrozenSet<string> Common = ["Type", "Comment", "QueryLanguage"];
    private static readonly FrozenSet<string> PassFields = [.. Common, "Next", "End", "InputPath", "OutputPath", "Parameters", "Result", "ResultPath"];
    private static readonly FrozenSet<string> TaskFields =
    [
        .. Common, "Next", "End", "Resource", "InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath", "Retry", "Catch",
        "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath", "Credentials",
    ];
    private static readonly FrozenSet<string> ChoiceFields = [.. Common, "Choices", "Default", "InputPath", "OutputPath"];
    private static readonly FrozenSet<string> WaitFields = [.. Common, "Next", "End", "Seconds", "SecondsPath", "Timestamp", "TimestampPath", "InputPath", "OutputPath"];
    private static readonly FrozenSet<string> SucceedFields = [.. Common, "InputPath", "OutputPath"];
    private static readonly FrozenSet<string> FailFields = [.. Common, "Error", "ErrorPath", "Cause", "CausePath"];
    private static readonly FrozenSet<string> ParallelFields =
        [.. Common, "Next", "End", "Branches", "InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath", "Retry", "Catch"];
    private static readonly FrozenSet<string> MapFields =
    [
        .. Common, "Next", "End", "ItemProcessor", "Iterator", "ItemsPath", "ItemSelector", "Parameters", "MaxConcurrency", "MaxConcurrencyPath",
        "ToleratedFailureCount", "ToleratedFailureCountPath", "ToleratedFailurePercentage", "ToleratedFailurePercentagePath",
        "InputPath", "OutputPath", "ResultSelector", "ResultPath", "Retry", "Catch", "Label",
    ];

    public StateDefinition Read(string name, FieldReader fields)
    {
        var type = fields.String("Type", required: true)!;
        if (fields.String("QueryLanguage") is { } language && language != "JSONPath")
            throw new DefinitionError(fields.At("QueryLanguage"), $"the query language '{language}' is not supported; only JSONPath is");
        return type switch
        {
            "Pass" => ReadPass(name, fields),
            "Task" => ReadTask(name, fields),
            "Choice" => ReadChoice(name, fields),
            "Wait" => ReadWait(name, fields),
            "Succeed" => ReadSucceed(name, fields),
            "Fail" => ReadFail(name, fields),
            "Parallel" => ReadParallel(name, fields),
            "Map" => ReadMap(name, fields),
            _ => throw new DefinitionError(fields.At("Type"), $"'{type}' is not a state type (Pass, Task, Choice, Wait, Succeed, Fail, Parallel or Map)"),
        };
    }

    private static PassState ReadPass(string name, FieldReader fields)
    {
        fields.OnlyAllow(PassFields, "a Pass state");
        var (next, end) = ReadTransition(fields);
        return new PassState
        {
            Name = name, Pointer = fields.Pointer, Next = next, IsEnd = end,
            InputPath = fields.PathOrNull("InputPath", false, true),
            OutputPath = fields.PathOrNull("OutputPath", false, true),
            Parameters = Template(fields, "Parameters"),
            HasResult = fields.Has("Result"),
            Result = fields.Raw("Result")?.DeepClone(),
            ResultPath = fields.PathOrNull("ResultPath", reference: true, allowContext: false),
        };
    }

    private static TaskState ReadTask(string name, FieldReader fields)
    {
        fields.OnlyAllow(TaskFields, "a Task state");
        var (next, end) = ReadTransition(fields);
        var resource = fields.String("Resource", required: true)!;
        var timeout = fields.Integer("TimeoutSeconds", 1, "a positive integer");
        var timeoutPath = fields.Path("TimeoutSecondsPath", reference: true);
        if (timeout is not null && timeoutPath is not null)
            throw new DefinitionError(fields.At("TimeoutSecondsPath"), "a Task state must not have both \"TimeoutSeconds\" and \"TimeoutSecondsPath\"");
        var heartbeat = fields.Integer("HeartbeatSeconds", 1, "a positive integer");
        if (fields.Path("HeartbeatSecondsPath", reference: true) is not null && heartbeat is not null)
            throw new DefinitionError(fields.At("HeartbeatSecondsPath"), "a Task state must not have both \"HeartbeatSeconds\" and \"HeartbeatSecondsPath\"");
        if (heartbeat is not null && heartbeat >= (timeout ?? 60))
            throw new DefinitionError(fields.At("HeartbeatSeconds"), "\"HeartbeatSeconds\" must be smaller than \"TimeoutSeconds\" (60 when absent)");
        if (fields.Has("Credentials") && fields.Raw("Credentials") is not System.Text.Json.Nodes.JsonObject)
            throw new DefinitionError(fields.At("Credentials"), "\"Credentials\" must be a JSON object");
        return new TaskState
        {
            Name = name, Pointer = fields.Pointer, Next = next, IsEnd = end, Resource = resource,
            InputPath = fields.PathOrNull("InputPath", false, true),
            OutputPath = fields.PathOrNull("OutputPath", false, true),
            Parameters = Template(fields, "Parameters"),
            ResultSelector = Template(fields, "ResultSelector"),
            ResultPath = fields.PathOrNull("ResultPath", reference: true, allowContext: false),
            Handlers = ErrorHandlerReader.Read(fields),
            TimeoutSeconds = (int?)timeout,
            TimeoutSecondsPath = timeoutPath,
        };
    }

    private static ChoiceState ReadChoice(string name, FieldReader fields)
    {
        if (fields.Has("End") || fields.Has("Next"))
            throw new DefinitionError(fields.At(fields.Has("End") ? "End" : "Next"), "a Choice state must not be an End state and has no \"Next\"; its rules and \"Default\" say where to go");
        fields.OnlyAllow(ChoiceFields, "a Choice state");
        var array = fields.Array("Choices", required: true)!;
        if (array.Count == 0)
            throw new DefinitionError(fields.At("Choices"), "\"Choices\" must be a non-empty array");
        var branches = new List<ChoiceBranch>();
        for (var i = 0; i < array.Count; i++)
            branches.Add(ChoiceRuleReader.ReadTopLevel(array[i], JsonPointer.Append(fields.At("Choices"), i)));
        return new ChoiceState
        {
            Name = name, Pointer = fields.Pointer, Choices = branches, Default = fields.String("Default"),
            InputPath = fields.PathOrNull("InputPath", false, true),
            OutputPath = fields.PathOrNull("OutputPath", false, true),
        };
    }

    private static WaitState ReadWait(string name, FieldReader fields)
    {
        fields.OnlyAllow(WaitFields, "a Wait state");
        var (next, end) = ReadTransition(fields);
        var present = new[] { "Seconds", "SecondsPath", "Timestamp", "TimestampPath" }.Where(fields.Has).ToList();
        if (present.Count != 1)
            throw new DefinitionError(fields.Pointer, "a Wait state must have exactly one of \"Seconds\", \"SecondsPath\", \"Timestamp\" or \"TimestampPath\"");
        DateTimeOffset? timestamp = null;
        if (fields.String("Timestamp") is { } text)
        {
            if (!AslTimestamp.TryParse(text, out var parsed))
                throw new DefinitionError(fields.At("Timestamp"), $"'{text}' is not a timestamp such as \"2016-03-14T01:59:00Z\"");
            timestamp = parsed;
        }
        return new WaitState
        {
            Name = name, Pointer = fields.Pointer, Next = next, IsEnd = end,
            Seconds = fields.Integer("Seconds", 0, "a non-negative integer"),
            SecondsPath = fields.Path("SecondsPath", reference: true),
            Timestamp = timestamp,
            TimestampPath = fields.Path("TimestampPath", reference: true),
            InputPath = fields.PathOrNull("InputPath", false, true),
            OutputPath = fields.PathOrNull("OutputPath", false, true),
        };
    }

    private static SucceedState ReadSucceed(string name, FieldReader fields)
    {
        RefuseTransition(fields, "Succeed");
        fields.OnlyAllow(SucceedFields, "a Succeed state");
        return new SucceedState
        {
            Name = name, Pointer = fields.Pointer,
            InputPath = fields.PathOrNull("InputPath", false, true),
            OutputPath = fields.PathOrNull("OutputPath", false, true),
        };
    }

    private static FailState ReadFail(string name, FieldReader fields)
    {
        RefuseTransition(fields, "Fail");
        fields.OnlyAllow(FailFields, "a Fail state");
        if (fields.Has("Error") && fields.Has("ErrorPath"))
            throw new DefinitionError(fields.At("ErrorPath"), "a Fail state must not have both \"Error\" and \"ErrorPath\"");
        if (fields.Has("Cause") && fields.Has("CausePath"))
            throw new DefinitionError(fields.At("CausePath"), "a Fail state must not have both \"Cause\" and \"CausePath\"");
        var (errorPath, errorFunction) = fields.PathOrIntrinsic("ErrorPath");
        var (causePath, causeFunction) = fields.PathOrIntrinsic("CausePath");
        return new FailState
        {
            Name = name, Pointer = fields.Pointer,
            Error = fields.String("Error"), Cause = fields.String("Cause"),
            ErrorPath = errorPath, ErrorFunction = errorFunction, CausePath = causePath, CauseFunction = causeFunction,
        };
    }

    private ParallelState ReadParallel(string name, FieldReader fields)
    {
        fields.OnlyAllow(ParallelFields, "a Parallel state");
        var (next, end) = ReadTransition(fields);
        var array = fields.Array("Branches", required: true)!;
        if (array.Count == 0)
            throw new DefinitionError(fields.At("Branches"), "\"Branches\" must be a non-empty array");
        var branches = new List<StateGraph>();
        for (var i = 0; i < array.Count; i++)
            branches.Add(readGraph(new FieldReader(array[i], JsonPointer.Append(fields.At("Branches"), i), "a branch"), "a Parallel branch"));
        return new ParallelState
        {
            Name = name, Pointer = fields.Pointer, Next = next, IsEnd = end, Branches = branches,
            InputPath = fields.PathOrNull("InputPath", false, true),
            OutputPath = fields.PathOrNull("OutputPath", false, true),
            Parameters = Template(fields, "Parameters"),
            ResultSelector = Template(fields, "ResultSelector"),
            ResultPath = fields.PathOrNull("ResultPath", reference: true, allowContext: false),
            Handlers = ErrorHandlerReader.Read(fields),
        };
    }

    private MapState ReadMap(string name, FieldReader fields)
    {
        fields.OnlyAllow(MapFields, "a Map state");
        var (next, end) = ReadTransition(fields);
        if (fields.Has("ItemProcessor") == fields.Has("Iterator"))
            throw new DefinitionError(fields.Pointer, "a Map state needs exactly one of \"ItemProcessor\" or (deprecated) \"Iterator\"");
        if (fields.Has("ItemSelector") && fields.Has("Parameters"))
            throw new DefinitionError(fields.At("Parameters"), "a Map state must not have both \"ItemSelector\" and (deprecated) \"Parameters\"");
        var processorField = fields.Has("ItemProcessor") ? "ItemProcessor" : "Iterator";
        var processor = readGraph(new FieldReader(fields.Raw(processorField), fields.At(processorField), $"\"{processorField}\""), processorField);
        var concurrency = fields.Integer("MaxConcurrency", 0, "a non-negative integer");
        var concurrencyPath = fields.Path("MaxConcurrencyPath", reference: true);
        if (concurrency is not null && concurrencyPath is not null)
            throw new DefinitionError(fields.At("MaxConcurrencyPath"), "a Map state must not have both \"MaxConcurrency\" and \"MaxConcurrencyPath\"");
        var count = fields.Integer("ToleratedFailureCount", 0, "a non-negative integer");
        var countPath = fields.Path("ToleratedFailureCountPath", reference: true);
        if (count is not null && countPath is not null)
            throw new DefinitionError(fields.At("ToleratedFailureCountPath"), "a Map state must not have both \"ToleratedFailureCount\" and \"ToleratedFailureCountPath\"");
        var percentage = fields.Number("ToleratedFailurePercentage");
        if (percentage is < 0 or > 100)
            throw new DefinitionError(fields.At("ToleratedFailurePercentage"), "\"ToleratedFailurePercentage\" must be between 0 and 100");
        var percentagePath = fields.Path("ToleratedFailurePercentagePath", reference: true);
        if (percentage is not null && percentagePath is not null)
            throw new DefinitionError(fields.At("ToleratedFailurePercentagePath"), "a Map state must not have both \"ToleratedFailurePercentage\" and \"ToleratedFailurePercentagePath\"");
        fields.String("Label");
        return new MapState
        {
            Name = name, Pointer = fields.Pointer, Next = next, IsEnd = end, Processor = processor,
            InputPath = fields.PathOrNull("InputPath", false, true),
            OutputPath = fields.PathOrNull("OutputPath", false, true),
            ItemsPath = fields.Path("ItemsPath", reference: true) ?? JsonPath.Root,
            ItemSelector = Template(fields, "ItemSelector") ?? Template(fields, "Parameters"),
            MaxConcurrency = (int?)concurrency, MaxConcurrencyPath = concurrencyPath,
            ToleratedFailureCount = (int?)count, ToleratedFailureCountPath = countPath,
            ToleratedFailurePercentage = percentage, ToleratedFailurePercentagePath = percentagePath,
            ResultSelector = Template(fields, "ResultSelector"),
            ResultPath = fields.PathOrNull("ResultPath", reference: true, allowContext: false),
            Handlers = ErrorHandlerReader.Read(fields),
        };
    }

    /// <summary>Exactly one of "Next" and "End": true (spec, "Transitions"); "End": false counts as absent.</summary>
    private static (string? Next, bool End) ReadTransition(FieldReader fields)
    {
        var next = fields.String("Next");
        var end = fields.Boolean("End") ?? false;
        if (next is not null && end)
            throw new DefinitionError(fields.At("End"), "a state must not have both \"Next\" and \"End\": true");
        if (next is null && !end)
            throw new DefinitionError(fields.Pointer, "a non-terminal state needs \"Next\", or \"End\": true to end the machine");
        return (next, end);
    }

    private static void RefuseTransition(FieldReader fields, string type)
    {
        foreach (var field in new[] { "Next", "End" })
        {
            if (fields.Has(field))
                throw new DefinitionError(fields.At(field), $"a {type} state is terminal and must not have \"{field}\"");
        }
    }

    private static PayloadTemplate? Template(FieldReader fields, string field) =>
        fields.Has(field) ? PayloadTemplate.Compile(fields.Raw(field), fields.At(field)) : null;
}
