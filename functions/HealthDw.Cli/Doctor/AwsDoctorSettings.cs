using System.Text.Json;
using HealthDw.Cli.Commands;
using HealthDw.Warehouse.Snowflake.Doctor;

namespace HealthDw.Cli.Doctor;

/// <summary>
/// What <c>healthdw doctor --aws</c> checks a deployed stage against, read once:
/// <list type="bullet">
/// <item>the Snowflake names from <c>infra-cdk/stages.json</c> (<c>stages.&lt;stage&gt;.snowflake</c>: account, user, role,
/// warehouse, database, stage), each overridden by <c>HEALTHDW_SNOWFLAKE_&lt;NAME&gt;</c> as the Lambda's environment names them;</item>
/// <item>the stack's outputs from <c>cdk deploy --outputs-file FILE</c> (<c>DataBucketName</c>, <c>SnowflakeStorageRoleArn</c>), or
/// <c>--bucket</c> and <c>HEALTHDW_SNOWFLAKE_STORAGE_ROLE_ARN</c>;</item>
/// <item>the service user's private key (PKCS#8 PEM) from <c>--snowflake-key FILE</c> or <c>HEALTHDW_SNOWFLAKE_KEY_FILE</c>: the doctor
/// runs where the administrator is, not in Lambda, so it does not read the stack's secret;</item>
/// <item>AWS credentials and region from the SDK's usual chain (<c>AWS_PROFILE</c>, <c>AWS_REGION</c>, ...).</item>
/// </list>
/// </summary>
public sealed record AwsDoctorSettings(SnowflakeDoctorSettings Snowflake, Uri SnowflakeUrl, string KeyPem, AwsStageBucket StageBucket)
{
    public string Bucket => StageBucket.Bucket;

    public string Region => StageBucket.Region;

    public static AwsDoctorSettings Resolve(string stage, string stagesFile, string? outputsFile, string? bucket, string? keyFile,
        Func<string, string?> env)
    {
        string? Env(string name) => env(name) is { Length: > 0 } v ? v : null;
        var stageBucket = AwsStageBucket.Resolve(stage, stagesFile, outputsFile, bucket, env);
        using var stages = AwsStageBucket.ReadStages(stagesFile);
        var entry = AwsStageBucket.StageEntry(stages, stage, stagesFile);
        var snowflake = entry.TryGetProperty("snowflake", out var s) ? s : default;

        string Name(string field)
        {
            var value = Env($"HEALTHDW_SNOWFLAKE_{field.ToUpperInvariant()}")
                ?? (snowflake.ValueKind == JsonValueKind.Object && snowflake.TryGetProperty(field, out var v) ? v.GetString() : null);
            return value is { Length: > 0 }
                ? value
                : throw new UsageException($"no Snowflake {field}: set stages.{stage}.snowflake.{field} in {stagesFile} or HEALTHDW_SNOWFLAKE_{field.ToUpperInvariant()}");
        }

        var keyPath = keyFile ?? Env("HEALTHDW_SNOWFLAKE_KEY_FILE")
            ?? throw new UsageException("no Snowflake private key: pass --snowflake-key FILE (the PKCS#8 PEM of the service user) or set HEALTHDW_SNOWFLAKE_KEY_FILE");
        if (!File.Exists(keyPath))
            throw new UsageException($"no such key file: {keyPath}");
        var account = Name("account");
        var settings = new SnowflakeDoctorSettings
        {
            Account = account,
            User = Name("user"),
            Role = Name("role"),
            Warehouse = Name("warehouse"),
            Database = Name("database"),
            Stage = Name("stage"),
            Bucket = stageBucket.Bucket,
            StorageRoleArn = Env("HEALTHDW_SNOWFLAKE_STORAGE_ROLE_ARN") ?? stageBucket.Outputs.GetValueOrDefault("SnowflakeStorageRoleArn"),
            ConfiguredIn = $"{stagesFile} (stages.{stage}.snowflake) or HEALTHDW_SNOWFLAKE_*",
        };
        var url = new Uri(Env("HEALTHDW_SNOWFLAKE_URL") ?? $"https://{account.ToLowerInvariant()}.snowflakecomputing.com");
        return new AwsDoctorSettings(settings, url, File.ReadAllText(keyPath), stageBucket);
    }
}
