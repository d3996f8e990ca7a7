using HealthDw.Core.Configuration;

namespace HealthDw.Core.Schema;

/// <summary>
/// Compares the staging tables as they are with the contracts, so a contract's type change is applied or refused, never
/// silently ignored (values would otherwise be rounded or cut by the old column type). Widenings are returned for the
/// adapter to apply; any other change throws one <see cref="ConfigException"/> naming the contract file, the column, both
/// types and how to migrate.
/// </summary>
public static class StagingSchemaPlan
{
    /// <param name="actual">Per staging table, its columns (lower case) as the warehouse reports them; a table or column
    /// missing here is created or added by the adapter, so it needs no change.</param>
    public static IReadOnlyList<ColumnTypeChange> Widenings(PipelineConfig config,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, ColumnType>> actual, AlterLimits limits)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(actual);
        var changes = new List<ColumnTypeChange>();
        foreach (var contract in config.Contracts.Values.OrderBy(c => c.Table, StringComparer.Ordinal))
        {
            if (!actual.TryGetValue(contract.Table.ToLowerInvariant(), out var columns)) continue;
            foreach (var column in contract.Columns)
            {
                if (!columns.TryGetValue(column.Name.ToLowerInvariant(), out var type) || type == column.Type) continue;
                var change = new ColumnTypeChange(contract.Table, column.Name, type, column.Type);
                if (change.Refusal(limits) is { } why)
                    throw new ConfigException(contract.SourceFile, 0, 0,
                        $"column {column.Name}: staging.{contract.Table} holds it as {type}, the contract now says {column.Type}, " +
                        $"and {why}. To migrate, keep {type} in the contract, or move the loaded rows yourself " +
                        $"(add a column of the new type, copy with a checked cast, drop the old one and rename; or drop " +
                        $"staging.{contract.Table} and load the drops again), then run again");
                changes.Add(change);
            }
        }

        return changes;
    }
}
