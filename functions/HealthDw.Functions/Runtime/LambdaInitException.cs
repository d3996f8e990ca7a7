namespace HealthDw.Functions.Runtime;

/// <summary>Initialisation failed; the host has reported it to the Runtime API and the process should exit.</summary>
public sealed class LambdaInitException(string message, Exception? cause = null) : Exception(message, cause);
