using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using HealthDw.Cli.Bench;
using HealthDw.Cli.Local;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Functions;

/// <summary>
/// The published Lambda package (artifacts/lambda/bootstrap, built by ./build-lambda.sh, which
/// ./test.sh runs first) driven through a Runtime API server, step by step, on a real PostgreSQL.
/// </summary>
[Collection(PostgresCollection.Name)]
public class BootstrapTests(PostgresFixture postgres)
{
    private static string Bootstrap
    {
        get
        {
            var path = Path.Combine(Repo.Root, "artifacts", "lambda", "bootstrap", "bootstrap");
            return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: run ./build-lambda.sh (./test.sh does)");
        }
    }

    private static async Task<RuntimeApiStub.Answer> InvokeAsync(string handler, string payload, IReadOnlyDictionary<string, string> environment) =>
        (await InvokeWithLogAsync(handler, payload, environment)).Answer;

    private static async Task<(RuntimeApiStub.Answer Answer, string Log)> InvokeWithLogAsync(string handler, string payload,
        IReadOnlyDictionary<string, string> environment)
    {
        await using var api = new RuntimeApiStub();
        api.Enqueue("request-1", payload);
        var info = new ProcessStartInfo(Bootstrap) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment) info.Environment[key] = value;
        info.Environment["_HANDLER"] = handler;
        info.Environment["AWS_LAMBDA_RUNTIME_API"] = api.Address;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var answered = api.Answers.TryTake(out var answer, 60_000);
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        var log = await output;
        answered.Should().BeTrue($"{handler} must answer: {log}");
        return (answer!, log);
    }

    [Fact]
    public async Task Bootstrap_WhenEveryStepIsInvoked_ShouldAnswerThroughTheRuntimeApi()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var env = new Dictionary<string, string>
        {
            ["HEALTHDW_BUCKET"] = "local", ["HEALTHDW_BUCKET_FOLDER"] = test.Pipeline.Store.Root,
            ["HEALTHDW_WAREHOUSE"] = test.Settings.WarehouseConnection!, ["HEALTHDW_ENSURE_SCHEMA"] = "true",
            ["HEALTHDW_CONFIG"] = TestConfig.SmallDrops, ["AWS_REGION"] = "us-east-1", ["AWS_SESSION_TOKEN"] = "t",
        };
        var file = test.Folder.Write("in/chart_code_20261121T0200.csv", "CODEPK,CODE,CODE_TYPE,DESCRIPTION,UPDATE_AT\n1,E11.9,ICD10,x,2026-11-20 10:00:00\n");
        await test.Pipeline.Store.PutAsync("raw_files/chart_code_20261121T0200.csv", File.OpenRead(file), CancellationToken.None);
        var head = (await test.Pipeline.Store.HeadAsync("raw_files/chart_code_20261121T0200.csv", CancellationToken.None))!;
        var evt = HealthDw.Functions.Events.S3ObjectCreatedEvent.For(head.Bucket, head.Key, head.Size, head.ETag, null, DateTimeOffset.UtcNow, "e1");

        var execution = "arn:aws:states:us-east-1:000000000000:execution:healthdw-ingest-file:e1";
        var route = await InvokeAsync("route-file", JsonSerializer.Serialize(new HealthDw.Functions.Steps.RouteRequest(evt, execution),
            HealthDw.Functions.HealthDwJsonContext.Compact.RouteRequest), env);
        route.Kind.Should().Be("response", route.Body);
        var fileRef = JsonNode.Parse(route.Body)!["file"]!.ToJsonString();
        JsonNode.Parse(route.Body)!["kind"]!.GetValue<string>().Should().Be("routed");

        var validate = await InvokeAsync("validate-file", fileRef, env);
        JsonNode.Parse(validate.Body)!["status"]!.GetValue<string>().Should().Be("valid");

        var (load, loadLog) = await InvokeWithLogAsync("load-to-staging", fileRef, env);
        JsonNode.Parse(load.Body)!["status"]!.GetValue<string>().Should().Be("loaded", load.Body);
        (await test.StagingRowsAsync("chart_code")).Should().Be(1);
        loadLog.Should().Contain("\"CloudWatchMetrics\"").And.Contain("\"RowsLoaded\":1", "an Embedded Metric Format line counts the rows")
            .And.Contain("request-1", "the invocation's log line names the request");
        loadLog.Should().Contain($"\"step\":\"load-to-staging\",\"requestId\":\"request-1\",\"executionId\":\"{execution}\",\"dropId\":\"20261121T0200\","
            + "\"fileKey\":\"raw_files/chart_code_20261121T0200.csv\",\"status\":\"loaded\"", "each step logs its execution, drop and file");
        loadLog.Should().NotContain("E11.9", "no cell value in the logs");

        var archive = await InvokeAsync("archive-file", $$"""{"file": {{fileRef}}, "verdict": {{load.Body}}}""", env);
        JsonNode.Parse(archive.Body)!["archivedKey"]!.GetValue<string>().Should().Be("processed/20261121T0200/chart_code_20261121T0200.csv");

        var status = await InvokeAsync("drop-status", """{"dropId": "20261121T0200"}""", env);
        JsonNode.Parse(status.Body)!["missing"]!.AsArray().Should().HaveCount(8, "one of nine required tables has arrived");

        var notify = await InvokeAsync("notify", """{"kind": "step_failed", "dropId": "20261121T0200", "summary": "test"}""", env);
        JsonNode.Parse(notify.Body)!["sent"]!.GetValue<bool>().Should().BeTrue();

        // publish-drop's first phase, with the drop as Check Drop found it: a fresh build schema and the first models submitted.
        var build = await InvokeAsync("publish-drop", $$"""{"phase": "build-models", "dropId": "20261121T0200", "drop": {{status.Body}}}""", env);
        build.Kind.Should().Be("response", build.Body);
        JsonNode.Parse(build.Body)!["models"]!.AsArray().Should().Contain(m => (string?)m!["status"] == "running");
    }

    [Fact]
    public async Task Bootstrap_WhenAStepFails_ShouldPostTheStepErrorNameAsErrorType()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var env = new Dictionary<string, string>
        {
            ["HEALTHDW_BUCKET"] = "local", ["HEALTHDW_BUCKET_FOLDER"] = test.Pipeline.Store.Root,
            ["HEALTHDW_WAREHOUSE"] = test.Settings.WarehouseConnection!, ["HEALTHDW_CONFIG"] = TestConfig.SmallDrops,
        };

        var badInput = await InvokeAsync("validate-file", "[1, 2, 3]", env);
        var badDrop = await InvokeAsync("publish-drop", """{"phase": "build-models", "dropId": "yesterday"}""", env);
        var unknown = await InvokeAsync("no-such-step", "{}", env);

        badInput.Should().BeEquivalentTo(new { Kind = "error", ErrorType = "HealthDw.BadInput" });
        JsonNode.Parse(badInput.Body)!["errorType"]!.GetValue<string>().Should().Be("HealthDw.BadInput");
        badDrop.ErrorType.Should().Be("HealthDw.BadInput");
        JsonNode.Parse(badDrop.Body)!["errorMessage"]!.GetValue<string>().Should().Contain("'yesterday' is not a drop id");
        unknown.Kind.Should().Be("init-error");
    }

    [Fact]
    public async Task Bootstrap_WhenAStepNeedsNoWarehouse_ShouldStartWithoutWarehouseSettingsOrSecrets()
    {
        // As route-file is deployed: Snowflake is configured nowhere, and the secrets extension is not running.
        var env = new Dictionary<string, string>
        {
            ["HEALTHDW_BUCKET"] = "healthdw-dev-data", ["HEALTHDW_CONFIG"] = TestConfig.SmallDrops, ["AWS_REGION"] = "us-east-1", // Lambda always sets the region
        };
        var evt = HealthDw.Functions.Events.S3ObjectCreatedEvent.For("healthdw-dev-data", "raw_files/billing_claim_20261121T0200_part2.csv", 10, "e",
            "v1", DateTimeOffset.UnixEpoch, "e1");

        var route = await InvokeAsync("route-file", JsonSerializer.Serialize(new HealthDw.Functions.Steps.RouteRequest(evt, null),
            HealthDw.Functions.HealthDwJsonContext.Compact.RouteRequest), env);

        route.Kind.Should().Be("response", route.Body);
        JsonNode.Parse(route.Body)!["file"]!["table"]!.GetValue<string>().Should().Be("billing_claim");

        var benchRoute = await InvokeAsync("route-file", ColdStartBench.Event(), env);
        benchRoute.Kind.Should().Be("response", "the cold-start bench times this very payload: " + benchRoute.Body);
        JsonNode.Parse(benchRoute.Body)!["file"]!["table"]!.GetValue<string>().Should().Be("register_users");
    }
}
