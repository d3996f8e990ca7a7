namespace HealthDw.StateMachine.Intrinsics;

/// <summary>An Intrinsic Function that does not follow the spec's syntax, or names an unknown function.</summary>
internal sealed class IntrinsicSyntaxException(string message) : Exception(message);
