using System.Text.Json.Nodes;
using HealthDw.StateMachine.Paths;

namespace HealthDw.StateMachine.Intrinsics;

/// <summary>A parsed Intrinsic Function invocation (spec, "Intrinsic Functions"): a name and its arguments.</summary>
internal sealed record IntrinsicCall(string Name, IReadOnlyList<IntrinsicArgument> Arguments);

internal abstract record IntrinsicArgument;

/// <summary>
/// A string, number, boolean or null written in the invocation. For strings, <see cref="RawText"/>
/// keeps the escapes as written, so that States.Format can tell an escaped <c>\{</c> from a placeholder.
/// </summary>
internal sealed record LiteralArgument(JsonNode? Value, string? RawText = null) : IntrinsicArgument;

/// <summary>A Path applied to the Payload Template's input, or with <c>$$</c> to the Context Object.</summary>
internal sealed record PathArgument(JsonPath Path) : IntrinsicArgument;

/// <summary>A nested invocation, whose result is the argument's value.</summary>
internal sealed record CallArgument(IntrinsicCall Call) : IntrinsicArgument;
