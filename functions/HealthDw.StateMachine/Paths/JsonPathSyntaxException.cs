namespace HealthDw.StateMachine.Paths;

/// <summary>A path that does not follow the JSONPath syntax the interpreter supports.</summary>
internal sealed class JsonPathSyntaxException(string message) : Exception(message);
