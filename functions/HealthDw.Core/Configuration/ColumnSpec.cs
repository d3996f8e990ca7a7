namespace HealthDw.Core.Configuration;

/// <summary>One column of a staging contract, in the vendor's own name.</summary>
public sealed record ColumnSpec(string Name, ColumnType Type, bool Nullable, ColumnReference? References);
