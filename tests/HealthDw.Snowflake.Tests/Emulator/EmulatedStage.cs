namespace HealthDw.Snowflake.Tests.Emulator;

/// <summary>An external stage as <see cref="EmulatedAccount"/> stores it: where it lives, the URL it reads and the storage
/// integration it reads through (stored names).</summary>
internal sealed record EmulatedStage(string Database, string Schema, string Name, string Url, string? Integration);
