namespace HealthDw.Infra.Configuration;

/// <summary>
/// Where and as whom the functions reach Snowflake: names only (the objects warehouse/snowflake/setup.sql
/// creates). The private key is never here: it is the Snowflake key secret, set out of band.
/// </summary>
public sealed record SnowflakeSettings
{
    /// <summary>The account identifier (<c>myorg-myaccount</c>); empty until the account is known.</summary>
    public string Account { get; init; } = "";

    public string User { get; init; } = "healthdw_svc";

    public string Role { get; init; } = "healthdw_loader";

    public string Warehouse { get; init; } = "healthdw_wh";

    public string Database { get; init; } = "healthdw";

    /// <summary>The external stage on the bucket's root.</summary>
    public string Stage { get; init; } = "@healthdw.staging.raw_stage";
}
