namespace HealthDw.Core.Ports;

/// <summary>
/// A statement the warehouse refused (a model's SQL, a check's query). The message is the warehouse's own with every quoted
/// value taken out, so it can go to a console, a log or an execution's cause: a cell that failed a cast never does. It
/// names what ran, where known (the model or check file); the warehouse's exception is not kept, because its message
/// quotes the value.
/// </summary>
public sealed class WarehouseSqlException(string sqlState, string message) : Exception(message)
{
    /// <summary>The SQLSTATE: class 22 is bad data, 42 a mistake in the SQL (an unknown column, a syntax error).</summary>
    public string SqlState { get; } = sqlState;

    /// <summary>The same error, said of <paramref name="what"/> (e.g. <c>model fact_claim (models/marts/fact_claim.sql)</c>).</summary>
    public WarehouseSqlException About(string what) => new(SqlState, $"{what}: {Message}");
}
