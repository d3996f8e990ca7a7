namespace HealthDw.Core.Ports;

/// <summary>Where a submitted statement stands. <see cref="Error"/> is set when it failed, <see cref="Rows"/> when a query
/// ended; neither while it runs.</summary>
public sealed record StatementStatus(bool Running, IReadOnlyList<object?[]> Rows, WarehouseSqlException? Error)
{
    public static StatementStatus StillRunning { get; } = new(true, [], null);

    public static StatementStatus Succeeded(IReadOnlyList<object?[]> rows) => new(false, rows, null);

    public static StatementStatus Failed(WarehouseSqlException error) => new(false, [], error);
}
