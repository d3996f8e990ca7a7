namespace HealthDw.Warehouse.Snowflake.Doctor;

/// <summary>What the doctor checks Snowflake against: the names as configured (not yet resolved), the drop bucket and
/// the IAM role the stack made for the storage integration.</summary>
public sealed record SnowflakeDoctorSettings
{
    public required string Account { get; init; }

    public required string User { get; init; }

    public required string Role { get; init; }

    public required string Warehouse { get; init; }

    public required string Database { get; init; }

    /// <summary><c>@database.schema.stage</c>, as the Load step names it.</summary>
    public required string Stage { get; init; }

    public required string Bucket { get; init; }

    /// <summary>The stack's <c>SnowflakeStorageRoleArn</c>; null skips nothing but fails the integration check with how to find it.</summary>
    public string? StorageRoleArn { get; init; }

    /// <summary>The schemas <c>warehouse/snowflake/setup.sql</c> creates and the pipeline writes, unquoted.</summary>
    public IReadOnlyList<string> Schemas { get; init; } = ["staging", "analytics", "audit"];

    /// <summary>Where a user changes these names, for the fix hints.</summary>
    public string ConfiguredIn { get; init; } = "infra-cdk/stages.json (snowflake.*) or HEALTHDW_SNOWFLAKE_*";
}
