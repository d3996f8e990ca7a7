namespace HealthDw.Functions.Runtime;

/// <summary>One invocation as "next" returns it: its context and its event payload (JSON bytes).</summary>
public sealed record LambdaInvocation(InvocationContext Context, ReadOnlyMemory<byte> Payload);
