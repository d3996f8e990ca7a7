using FluentAssertions;
using HealthDw.Cli.Local;
using HealthDw.Cloud.Tests.Support;
using HealthDw.Core.Ports;
using HealthDw.Hosting;
using HealthDw.Lambda;
using Xunit;

namespace HealthDw.Cloud.Tests.Lambda;

/// <summary>The Lambda host's switches of the one composition root, read from the function's environment, and the steps it
/// serves: the very handlers the local host runs.</summary>
public sealed class AwsPipelineTests
{
    private static readonly string ConfigFolder = Path.Combine(RepoPaths.Root(), "warehouse");

    [Fact]
    public void Options_WhenDeployedOnAws_ShouldRunOnS3SnowflakeTheExtensionAndSlack()
    {
        var env = new FakeEnvironment(("HEALTHDW_BUCKET", "drops"), ("HEALTHDW_SLACK_SECRET_ID", "healthdw/slack"), ("AWS_REGION", "eu-west-1"),
            ("HEALTHDW_CONFIG", ConfigFolder));
        using var http = new HttpClient();

        var options = AwsPipeline.Options(LambdaSettings.From(env), env, http);

        options.Store.Should().Be(new S3StoreOptions("drops"), "on AWS the SDK's chain finds the region and the endpoint");
        options.Warehouse.Should().Be(new SnowflakeWarehouseOptions(env));
        options.Secrets.Source.Should().Be(SecretsSource.LambdaExtension);
        options.Notifier.Should().Be(new NotifierOptions(OutboxFolder: null, "healthdw/slack", SlackOnlyIfSecretExists: false),
            "the extension answers only during an invocation, so the secret is not looked up at init");
        options.EnsureSchema.Should().BeFalse("Snowflake's schema belongs to the deployment");
        options.Http.Should().BeSameAs(http);
        options.ExecutionLink("arn:x").Should().Be("https://eu-west-1.console.aws.amazon.com/states/home?region=eu-west-1#/v2/executions/details/arn:x");
    }

    [Fact]
    public void Options_WhenSelfHosted_ShouldRunOnTheFolderAndPostgres()
    {
        var env = new FakeEnvironment(("HEALTHDW_BUCKET", "drops"), ("HEALTHDW_BUCKET_FOLDER", "/srv/bucket"), ("HEALTHDW_WAREHOUSE", "Host=db"),
            ("HEALTHDW_ENSURE_SCHEMA", "true"), ("HEALTHDW_S3_ENDPOINT", "http://127.0.0.1:9"), ("HEALTHDW_CONFIG", ConfigFolder));
        using var http = new HttpClient();

        var options = AwsPipeline.Options(LambdaSettings.From(env), env, http);

        options.Store.Should().Be(new FolderStoreOptions("/srv/bucket", "drops"));
        options.Warehouse.Should().Be(new PostgresWarehouseOptions("Host=db"));
        options.Notifier.Should().Be(new NotifierOptions(OutboxFolder: null, SlackSecretId: null));
        options.EnsureSchema.Should().BeTrue();
    }

    [Fact]
    public async Task HandlersAsync_WhenBuilt_ShouldServeTheStepsTheLocalHostRuns()
    {
        var folder = Directory.CreateTempSubdirectory("healthdw-root-");
        try
        {
            // PostgreSQL is reached on first use only, so nothing answers at 127.0.0.1:9 and init still succeeds.
            var env = new FakeEnvironment(("HEALTHDW_BUCKET", "drops"), ("HEALTHDW_BUCKET_FOLDER", folder.FullName),
                ("HEALTHDW_WAREHOUSE", "Host=127.0.0.1;Port=9;Username=postgres"), ("HEALTHDW_CONFIG", ConfigFolder));
            using var http = new HttpClient();
            var lambda = await AwsPipeline.HandlersAsync(env, http, CancellationToken.None);
            var settings = new LocalSettings(Path.Combine(folder.FullName, "home"), ConfigFolder, Path.Combine(folder.FullName, "bucket"), null)
            {
                DuckDbFile = Path.Combine(folder.FullName, "w.duckdb"),
            };
            await using var local = await LocalPipeline.OpenAsync(settings, CancellationToken.None, secrets: new NoSecrets());

            lambda.Keys.Should().BeEquivalentTo(local.Steps.Handlers.Keys).And.NotBeEmpty();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private sealed class NoSecrets : ISecrets
    {
        public Task<string> GetAsync(string secretId, CancellationToken ct) => throw new SecretNotFoundException(secretId, "test");
    }
}
