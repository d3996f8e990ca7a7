using HealthDw.Cli.Doctor;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Cli;

/// <summary>Where <c>healthdw replay --aws</c> finds the stage's drop bucket: as <c>doctor --aws</c> does, from <c>--bucket</c> or
/// the stack outputs of <c>cdk deploy --outputs-file</c>, without the Snowflake settings the doctor also needs. The copies
/// themselves are tested against s3rver and the strict S3 server (HealthDw.Cloud.Tests, Replay).</summary>
public class ReplayAwsOptionsTests
{
    private static readonly string Stages = Path.Combine(Repo.Root, "infra-cdk", "stages.json");

    [Fact]
    public void Resolve_WhenGivenTheStackOutputs_ShouldTakeTheBucketAndTheConsoleUrlWithoutSnowflakeSettings()
    {
        using var folder = new TempFolder();
        var outputs = folder.Write("outputs.json", """
            {"HealthDw-dev": {"DataBucketName": "healthdw-dev-databucket-1a2b", "IngestFileConsoleUrl": "https://console.aws.amazon.com/states/home#/statemachines/view/x"}}
            """);

        var where = AwsStageBucket.Resolve("dev", Stages, outputs, null, _ => null);

        where.Bucket.Should().Be("healthdw-dev-databucket-1a2b");
        where.Outputs["IngestFileConsoleUrl"].Should().StartWith("https://console.aws.amazon.com/states/");
        where.Region.Should().Be("us-east-1");
        where.S3Endpoint.Should().BeNull();
    }

    [Fact]
    public async Task Replay_WithAwsButNoBucket_ShouldExitTwoWithHowToGiveIt()
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

        var exit = await HealthDw.Cli.HealthDwCli.RunAsync(["replay", "--aws", "--stage", "dev", "chart_patient_20261121T0200.csv"], console, settings);

        exit.Should().Be(2, output.ToString());
        output.ToString().Trim().Should().Be("error: no bucket: pass --outputs FILE (written by cdk deploy --outputs-file FILE) or --bucket NAME");
    }
}
