namespace HealthDw.StateMachine.Tasks;

internal enum TaskResourceKind
{
    /// <summary><c>arn:aws:states:::lambda:invoke</c>, the optimized Lambda integration.</summary>
    LambdaInvoke,

    /// <summary><c>arn:aws:lambda:REGION:ACCOUNT:function:NAME</c>, a function named directly.</summary>
    LambdaFunction,

    /// <summary><c>arn:aws:states:::states:startExecution</c>: start and move on.</summary>
    StartExecution,

    /// <summary><c>...startExecution.sync</c>: start, wait, output as JSON text.</summary>
    StartExecutionSync,

    /// <summary><c>...startExecution.sync:2</c>: start, wait, output as JSON.</summary>
    StartExecutionSync2,

    Unsupported,
}

/// <summary>What a Task state's Resource asks the interpreter to do.</summary>
internal sealed record TaskResource(string Arn, TaskResourceKind Kind)
{
    public static TaskResource Parse(string arn)
    {
        var parts = arn.Split(':');
        if (parts.Length >= 7 && parts[0] == "arn" && parts[1].StartsWith("aws", StringComparison.Ordinal))
        {
            if (parts[2] == "lambda" && parts[5] == "function" && parts[6].Length > 0)
                return new TaskResource(arn, TaskResourceKind.LambdaFunction);
            if (parts[2] == "states")
            {
                var api = string.Join(':', parts.Skip(5));
                var kind = api switch
                {
                    "lambda:invoke" => TaskResourceKind.LambdaInvoke,
                    "states:startExecution" => TaskResourceKind.StartExecution,
                    "states:startExecution.sync" => TaskResourceKind.StartExecutionSync,
                    "states:startExecution.sync:2" => TaskResourceKind.StartExecutionSync2,
                    _ => TaskResourceKind.Unsupported,
                };
                return new TaskResource(arn, kind);
            }
        }
        return new TaskResource(arn, TaskResourceKind.Unsupported);
    }

    /// <summary>The history's "resourceType" and "resource" in Step Functions' style, e.g. ("lambda", "invoke").</summary>
    public (string Type, string Name) HistoryNames()
    {
        var parts = Arn.Split(':');
        return Kind switch
        {
            TaskResourceKind.LambdaFunction => ("lambda", Arn),
            TaskResourceKind.Unsupported => ("unknown", Arn),
            _ => (parts[5], string.Join(':', parts.Skip(6))),
        };
    }
}
