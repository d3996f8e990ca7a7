namespace HealthDw.Warehouse.Snowflake;

/// <summary>One entry of <c>resultSetMetaData.rowType</c>.</summary>
public sealed record SnowflakeColumn(string Name, string Type, bool Nullable, long? Precision, long? Scale, long? Length);
