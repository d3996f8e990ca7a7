using System.Collections.Frozen;

namespace HealthDw.StateMachine.Definition;

/// <summary>Reads and checks the Retry and Catch fields (spec, "Retrying after error" and "Fallback states").</summary>
internal static class ErrorHandlerReader
{
    private static readonly FrozenSet<string> RetrierFields =
        ["ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment"];

    private static readonly FrozenSet<string> CatcherFields = ["ErrorEquals", "Next", "ResultPath", "Comment"];

    public static ErrorHandlers Read(FieldReader state)
    {
        var retriers = new List<Retrier>();
        if (state.Array("Retry") is { } retry)
        {
            for (var i = 0; i < retry.Count; i++)
                retriers.Add(ReadRetrier(new FieldReader(retry[i], JsonPointer.Append(state.At("Retry"), i), "a Retrier"), i == retry.Count - 1));
        }
        var catchers = new List<Catcher>();
        if (state.Array("Catch") is { } catches)
        {
            for (var i = 0; i < catches.Count; i++)
                catchers.Add(ReadCatcher(new FieldReader(catches[i], JsonPointer.Append(state.At("Catch"), i), "a Catcher"), i == catches.Count - 1));
        }
        return new ErrorHandlers(retriers, catchers);
    }

    private static Retrier ReadRetrier(FieldReader fields, bool isLast)
    {
        fields.OnlyAllow(RetrierFields, "a Retrier");
        var errors = ReadErrorEquals(fields, isLast, "Retrier");
        var interval = fields.Integer("IntervalSeconds", 1, "a positive integer") ?? 1;
        var attempts = fields.Integer("MaxAttempts", 0, "a non-negative integer") ?? 3;
        var backoff = fields.Number("BackoffRate") ?? 2.0;
        if (backoff < 1.0)
            throw new DefinitionError(fields.At("BackoffRate"), "\"BackoffRate\" must be greater than or equal to 1.0");
        var maxDelay = fields.Integer("MaxDelaySeconds", 1, "a positive integer");
        var jitter = fields.String("JitterStrategy") switch
        {
            null or "NONE" => JitterStrategy.None,
            "FULL" => JitterStrategy.Full,
            var other => throw new DefinitionError(fields.At("JitterStrategy"), $"\"JitterStrategy\" must be FULL or NONE, not '{other}'"),
        };
        return new Retrier(errors, (int)interval, (int)attempts, backoff, (int?)maxDelay, jitter);
    }

    private static Catcher ReadCatcher(FieldReader fields, bool isLast)
    {
        fields.OnlyAllow(CatcherFields, "a Catcher");
        var errors = ReadErrorEquals(fields, isLast, "Catcher");
        var next = fields.String("Next", required: true)!;
        var resultPath = fields.PathOrNull("ResultPath", reference: true, allowContext: false);
        return new Catcher(errors, next, resultPath);
    }

    /// <summary>
    /// A non-empty array of error names. "States.ALL" must appear alone and in the last entry; other
    /// names that begin with "States." must be predefined error names.
    /// </summary>
    private static List<string> ReadErrorEquals(FieldReader fields, bool isLast, string what)
    {
        var array = fields.Array("ErrorEquals", required: true)!;
        if (array.Count == 0)
            throw new DefinitionError(fields.At("ErrorEquals"), "\"ErrorEquals\" must not be empty");
        var names = new List<string>();
        for (var i = 0; i < array.Count; i++)
        {
            var pointer = JsonPointer.Append(fields.At("ErrorEquals"), i);
            if (array[i] is not System.Text.Json.Nodes.JsonValue value || !value.TryGetValue(out string? name) || name.Length == 0)
                throw new DefinitionError(pointer, "error names must be non-empty strings");
            if (name.StartsWith("States.", StringComparison.Ordinal) && !StatesErrors.IsPredefined(name))
                throw new DefinitionError(pointer, $"'{name}' is not a predefined error name; names beginning with \"States.\" are reserved");
            if (name == StatesErrors.All && array.Count > 1)
                throw new DefinitionError(pointer, "\"States.ALL\" must appear alone in \"ErrorEquals\"");
            if (name == StatesErrors.All && !isLast)
                throw new DefinitionError(pointer, $"\"States.ALL\" must appear in the last {what}");
            names.Add(name);
        }
        return names;
    }
}
