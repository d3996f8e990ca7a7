namespace HealthDw.Cloud.Tests.Runtime;

/// <summary>An invocation the stub Runtime API hands out from "next".</summary>
public sealed record StubInvocation(string RequestId, string Payload, DateTimeOffset Deadline, string? TraceId = null)
{
    public const string FunctionArn = "arn:aws:lambda:eu-west-1:123456789012:function:healthdw-route-file";
}
