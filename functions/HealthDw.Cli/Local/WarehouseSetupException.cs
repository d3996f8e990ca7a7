namespace HealthDw.Cli.Local;

/// <summary>The local warehouse could not be set up; the message says what to do, in one line.</summary>
public sealed class WarehouseSetupException(string message) : Exception(message);
