using HealthDw.Functions.Runtime;
using HealthDw.Warehouse.Snowflake;

namespace HealthDw.Hosting.Snowflake;

/// <summary>Snowflake's connection settings from the function's environment; the private key is a secret, read by id.</summary>
public sealed record SnowflakeSettings(SnowflakeOptions Options, string KeySecretId, string Stage)
{
    public static SnowflakeSettings From(IEnvironmentVariables env)
    {
        string Required(string name) => env.Get(name) is { Length: > 0 } v
            ? v
            : throw new InvalidOperationException($"the function's environment has no {name} (set HEALTHDW_WAREHOUSE for PostgreSQL, or the HEALTHDW_SNOWFLAKE_* settings)");
        var account = Required("HEALTHDW_SNOWFLAKE_ACCOUNT");
        var url = env.Get("HEALTHDW_SNOWFLAKE_URL") is { Length: > 0 } u ? u : $"https://{account.ToLowerInvariant()}.snowflakecomputing.com";
        return new SnowflakeSettings(
            new SnowflakeOptions
            {
                AccountUrl = new Uri(url),
                Account = account,
                User = Required("HEALTHDW_SNOWFLAKE_USER"),
                Role = env.Get("HEALTHDW_SNOWFLAKE_ROLE"),
                Warehouse = env.Get("HEALTHDW_SNOWFLAKE_WAREHOUSE"),
                Database = env.Get("HEALTHDW_SNOWFLAKE_DATABASE"),
            },
            Required("HEALTHDW_SNOWFLAKE_KEY_SECRET_ID"),
            env.Get("HEALTHDW_SNOWFLAKE_STAGE") is { Length: > 0 } s ? s : "@staging.raw_stage");
    }
}
