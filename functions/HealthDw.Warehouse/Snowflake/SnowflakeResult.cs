namespace HealthDw.Warehouse.Snowflake;

/// <summary>
/// A finished statement: the column metadata and every row of every partition (values as Snowflake's strings,
/// SQL NULL as null), the DML stats where present, and for a multi-statement request the result of each
/// child statement in order. Rows are warehouse data: they stay in the warehouse adapter.
/// </summary>
public sealed class SnowflakeResult
{
    public required string StatementHandle { get; init; }

    public required IReadOnlyList<SnowflakeColumn> Columns { get; init; }

    public required IReadOnlyList<string?[]> Rows { get; init; }

    /// <summary><c>resultSetMetaData.numRows</c>: the total over all partitions.</summary>
    public long NumRows { get; init; }

    public SnowflakeDmlStats? Stats { get; init; }

    /// <summary>For a multi-statement request, one result per child statement (BEGIN and COMMIT included), in order.</summary>
    public IReadOnlyList<SnowflakeResult> Statements { get; init; } = [];

    public string? Code { get; init; }

    public string? SqlState { get; init; }

    /// <summary>The index of the column with this name (case-insensitive), or -1.</summary>
    public int ColumnIndex(string name)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i].Name, name, StringComparison.OrdinalIgnoreCase))
                return i;
        }

        return -1;
    }
}
