using HealthDw.Cli.Commands;
using HealthDw.Cli.Doctor;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Cli;

/// <summary>Where <c>healthdw doctor --aws</c> takes a stage's settings from: the shipped stages.json, the stack outputs that
/// <c>cdk deploy --outputs-file</c> writes, and the HEALTHDW_SNOWFLAKE_* variables the Lambdas use.</summary>
public class DoctorAwsSettingsTests
{
    private static readonly string Stages = Path.Combine(Repo.Root, "infra-cdk", "stages.json");

    [Fact]
    public void Resolve_WhenGivenTheStackOutputsAndAKey_ShouldTakeNamesAsConfiguredAndTheBucketAndRoleFromTheOutputs()
    {
        using var folder = new TempFolder();
        var outputs = folder.Write("outputs.json", """
            {"HealthDw-dev": {"DataBucketName": "healthdw-dev-databucket-1a2b", "SnowflakeStorageRoleArn": "arn:aws:iam::111122223333:role/healthdw-dev-snowflake-s3", "AlarmTopicArn": "x"}}
            """);
        var key = folder.Write("rsa_key.p8", "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----\n");
        var env = new Dictionary<string, string> { ["HEALTHDW_SNOWFLAKE_ACCOUNT"] = "myorg-myaccount" };

        var settings = AwsDoctorSettings.Resolve("dev", Stages, outputs, null, key, env.GetValueOrDefault);

        settings.Bucket.Should().Be("healthdw-dev-databucket-1a2b");
        settings.Snowflake.StorageRoleArn.Should().Be("arn:aws:iam::111122223333:role/healthdw-dev-snowflake-s3");
        settings.Snowflake.Role.Should().Be("healthdw_loader", "names stay as configured; the checks resolve them as Snowflake does");
        settings.Snowflake.Stage.Should().Be("@healthdw.staging.raw_stage");
        settings.SnowflakeUrl.Should().Be(new Uri("https://myorg-myaccount.snowflakecomputing.com"));
        settings.Region.Should().Be("us-east-1");
    }

    [Fact]
    public void Resolve_WhenTheShippedAccountIsEmptyAndNotSet_ShouldSayWhereToSetIt()
    {
        using var folder = new TempFolder();
        var key = folder.Write("rsa_key.p8", "pem");

        var act = () => AwsDoctorSettings.Resolve("dev", Stages, null, "some-bucket", key, _ => null);

        act.Should().Throw<UsageException>().WithMessage("no Snowflake account: set stages.dev.snowflake.account in * or HEALTHDW_SNOWFLAKE_ACCOUNT");
    }

    [Fact]
    public async Task Doctor_WithAwsButNoBucket_ShouldExitTwoWithHowToGiveIt()
    {
        using var folder = new TempFolder();
        var settings = new HealthDw.Cli.Local.LocalSettings(folder.Combine(".healthdw"), Repo.ConfigFolder, folder.Combine("bucket"), null);
        var output = new StringWriter();
        var console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings
        {
            Out = new Spectre.Console.AnsiConsoleOutput(output),
            Ansi = Spectre.Console.AnsiSupport.No,
            ColorSystem = Spectre.Console.ColorSystemSupport.NoColors,
        });
        console.Profile.Width = 400;

        var exit = await HealthDw.Cli.HealthDwCli.RunAsync(["doctor", "--aws", "--stage", "dev"], console, settings);

        exit.Should().Be(2, output.ToString());
        output.ToString().Should().Contain("no bucket: pass --outputs FILE (written by cdk deploy --outputs-file FILE) or --bucket NAME");
    }
}
