namespace HealthDw.Warehouse.Snowflake;

/// <summary>The <c>stats</c> object of a DML result: how many rows the statement touched.</summary>
public sealed record SnowflakeDmlStats(long RowsInserted, long RowsUpdated, long RowsDeleted, long DuplicateRowsUpdated);
