namespace HealthDw.Core.Configuration;

/// <summary>What a file for one staging table must look like.</summary>
public sealed record TableContract(
    string Table,
    string? Description,
    IReadOnlyList<ColumnSpec> Columns,
    IReadOnlyList<string> PrimaryKey,
    ExtraColumns ExtraColumns,
    bool AllowEmpty,
    string SourceFile)
{
    public ColumnSpec? Find(string column) =>
        Columns.FirstOrDefault(c => string.Equals(c.Name, column, StringComparison.OrdinalIgnoreCase));
}
