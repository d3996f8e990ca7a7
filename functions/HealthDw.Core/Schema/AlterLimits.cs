namespace HealthDw.Core.Schema;

/// <summary>
/// Which in-place column type changes a warehouse can make. PostgreSQL rewrites the column (so a NUMERIC's scale can grow
/// and any type can become text); Snowflake's ALTER TABLE … ALTER COLUMN … SET DATA TYPE cannot change a NUMBER's scale
/// nor change a column to a different type (Snowflake SQL reference, "ALTER TABLE … ALTER COLUMN": only a longer VARCHAR
/// and a larger NUMBER precision are supported widenings).
/// </summary>
/// <param name="ChangeScale">A NUMBER/NUMERIC's scale can grow in place.</param>
/// <param name="AnyToText">A column of any type can become text in place.</param>
/// <param name="Warehouse">The warehouse's name, for the message when a change is refused.</param>
public sealed record AlterLimits(bool ChangeScale, bool AnyToText, string Warehouse)
{
    public static AlterLimits PostgreSql { get; } = new(ChangeScale: true, AnyToText: true, "PostgreSQL");

    /// <summary>DuckDB converts the values already loaded with a cast in ALTER TABLE … ALTER COLUMN … TYPE, in the schema's
    /// transaction, exact for each widening allowed.</summary>
    public static AlterLimits DuckDb { get; } = new(ChangeScale: true, AnyToText: true, "DuckDB");

    public static AlterLimits Snowflake { get; } = new(ChangeScale: false, AnyToText: false, "Snowflake");
}
