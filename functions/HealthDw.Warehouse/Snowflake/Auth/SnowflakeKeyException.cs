namespace HealthDw.Warehouse.Snowflake.Auth;

/// <summary>
/// The Snowflake private key could not be used. The message says what was wrong and what to do; it never
/// holds key material or the passphrase.
/// </summary>
public sealed class SnowflakeKeyException(string message, Exception? inner = null) : Exception(message, inner);
