namespace HealthDw.Warehouse.Snowflake;

/// <summary>One ResultSet body as received: the first partition of rows plus what is needed to fetch the rest.</summary>
internal sealed record SnowflakeResultPage(
    string StatementHandle,
    IReadOnlyList<string> ChildHandles,
    IReadOnlyList<SnowflakeColumn> Columns,
    List<string?[]> Rows,
    long NumRows,
    int PartitionCount,
    SnowflakeDmlStats? Stats,
    string? Code,
    string? SqlState);
