using HealthDw.Core.Doctor;
using HealthDw.Core.Ports;
using HealthDw.Hosting.Configuration;
using HealthDw.Hosting;
using HealthDw.Storage.S3;
using HealthDw.Warehouse.Snowflake;
using HealthDw.Warehouse.Snowflake.Auth;
using HealthDw.Warehouse.Snowflake.Doctor;

namespace HealthDw.Cli.Doctor;

/// <summary>The checks of <c>healthdw doctor --aws</c> against a deployed stage, over the same adapters the Lambdas use
/// (S3 through AWSSDK.S3, Snowflake through the SQL API v2 with the key-pair JWT).</summary>
public static class AwsDoctor
{
    public static IReadOnlyList<IDoctorCheck> Checks(AwsDoctorSettings settings, string configFolder, TimeSpan canaryTimeout, HttpClient http)
    {
        var clock = new SystemClock();
        var key = SnowflakeKeyPair.FromPem(settings.KeyPem);
        var sf = settings.Snowflake;
        var options = new SnowflakeOptions { AccountUrl = settings.SnowflakeUrl, Account = sf.Account, User = sf.User, MaxAttempts = 3 };
        var tokens = new SnowflakeJwtIssuer(key, sf.Account, sf.User, clock);
        var signIn = new SnowflakeSqlClient(http, SnowflakeDoctor.SignInOptions(options), tokens, clock, new TaskDelay());
        var session = new SnowflakeSqlClient(http, SnowflakeDoctor.SessionOptions(options, sf), tokens, clock, new TaskDelay());
        var s3 = settings.StageBucket.CreateS3Client();
        var snowflakeChecks = SnowflakeDoctor.Checks(signIn, session, settings.SnowflakeUrl, sf);
        return
        [
            new ConfigurationCheck(configFolder, () => ConfigFolder.LoadAll(configFolder).Pipeline),
            .. snowflakeChecks,
            new S3BucketCheck(s3, settings.Bucket),
            new CanaryCheck(HealthDwHost.Store(settings.StageBucket.StoreOptions, s3), new EventBridgeDelivers(),
                HealthDwHost.SnowflakeSql(session), clock, Task.Delay,
                new CanaryOptions
                {
                    Timeout = canaryTimeout,
                    WhereToLook = "the ingest-file executions (the stack's IngestFileConsoleUrl output) and the EventBridge rule's dead-letter queue",
                    Needs = [ConfigurationCheck.CheckName, S3BucketCheck.CheckName, .. snowflakeChecks.Select(c => c.Name)],
                }),
        ];
    }
}
