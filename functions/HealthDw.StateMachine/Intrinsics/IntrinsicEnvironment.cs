using System.Text.Json.Nodes;
using HealthDw.StateMachine.Randomness;

namespace HealthDw.StateMachine.Intrinsics;

/// <summary>What an intrinsic function can see: the Payload Template's input, the Context Object, and the injected random and id sources.</summary>
internal sealed record IntrinsicEnvironment(JsonNode? Input, Func<JsonNode?> Context, IRandomSource Random, IIdSource Ids);
