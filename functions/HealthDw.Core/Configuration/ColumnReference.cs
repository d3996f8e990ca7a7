namespace HealthDw.Core.Configuration;

/// <summary>A foreign key: every non-null value of the column must exist in <c>Table.Column</c>.</summary>
public sealed record ColumnReference(string Table, string Column)
{
    public override string ToString() => $"{Table}.{Column}";
}
