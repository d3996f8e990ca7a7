namespace HealthDw.Core.Configuration;

/// <summary>The column types a staging contract can declare.</summary>
public enum ColumnKind
{
    Text,
    Varchar,
    Integer,
    BigInt,
    Decimal,
    Boolean,
    Date,
    Timestamp,

    /// <summary>An IEEE 754 double: PostgreSQL double precision, Snowflake FLOAT. Only finite values load.</summary>
    Double,
}
