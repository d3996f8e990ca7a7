namespace HealthDw.Functions.Runtime;

/// <summary>What the Runtime API tells about one invocation (its response headers to "next").</summary>
public sealed record InvocationContext(string RequestId, DateTimeOffset Deadline, string InvokedFunctionArn, string? TraceId);
