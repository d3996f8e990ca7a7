namespace HealthDw.Infra.Steps;

/// <summary>
/// The environment variables the bootstrap reads (functions/HealthDw.Lambda/LambdaSettings.cs): ids and
/// names only. A secret's value never appears here, only the id the extension fetches it by.
/// </summary>
public static class StepEnvironment
{
    public const string Bucket = "HEALTHDW_BUCKET";
    public const string Stage = "HEALTHDW_STAGE";
    public const string SlackSecretId = "HEALTHDW_SLACK_SECRET_ID";
    public const string SnowflakeKeySecretId = "HEALTHDW_SNOWFLAKE_KEY_SECRET_ID";
    public const string SnowflakeAccount = "HEALTHDW_SNOWFLAKE_ACCOUNT";
    public const string SnowflakeUser = "HEALTHDW_SNOWFLAKE_USER";
    public const string SnowflakeRole = "HEALTHDW_SNOWFLAKE_ROLE";
    public const string SnowflakeWarehouse = "HEALTHDW_SNOWFLAKE_WAREHOUSE";
    public const string SnowflakeDatabase = "HEALTHDW_SNOWFLAKE_DATABASE";
    public const string SnowflakeStage = "HEALTHDW_SNOWFLAKE_STAGE";
}
