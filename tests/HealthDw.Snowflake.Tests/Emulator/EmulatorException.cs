namespace HealthDw.Snowflake.Tests.Emulator;

/// <summary>A statement the emulated Snowflake refuses: answered as a 422 QueryFailureStatus with this code and SQLSTATE.</summary>
internal sealed class EmulatorException(string code, string sqlState, string message) : Exception(message)
{
    public string Code { get; } = code;

    public string SqlState { get; } = sqlState;
}
