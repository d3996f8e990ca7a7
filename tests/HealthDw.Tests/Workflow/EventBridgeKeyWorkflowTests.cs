using System.Text;
using System.Text.Json;
using HealthDw.Cli.Local;
using HealthDw.Functions;
using HealthDw.StateMachine.History;
using HealthDw.Tests.Support;
using HealthDw.Functions.Steps;

namespace HealthDw.Tests.Workflow;

/// <summary>
/// S3 User Guide, "EventBridge event message structure": the "Object Created" event carries detail.object.key as the key
/// itself, not URL-encoded (only S3 event notifications to Lambda, SQS and SNS encode keys, '+' for a space). An event
/// written here as EventBridge writes it, with '+', '%', ':', spaces and accented letters in its key, must route, load and
/// archive that very object.
/// </summary>
[Collection(PostgresCollection.Name)]
public class EventBridgeKeyWorkflowTests(PostgresFixture postgres)
{
    private const string Codes = "CODEPK,CODE,CODE_TYPE,DESCRIPTION,UPDATE_AT\n1,E11.9,ICD10,x,2026-11-20 10:00:00\n2,99213,CPT,y,2026-11-20 10:00:00\n";

    [Theory]
    [InlineData("raw_files/vendor+x 100%41:é/chart_code_20261121T0200.csv")]
    [InlineData("raw_files/a+b/2023-08-08T14:03:40.532432 café/chart_code_20261121T0200.csv")]
    public async Task Ingest_WhenTheEventBridgeKeyHasPlusPercentColonSpaceAndAccents_ShouldRouteLoadAndArchiveThatObject(string key)
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var e = await EventForAsync(test, key, Codes);

        var outcome = IngestOutcome.From(await test.Workflow.IngestAsync(e, CancellationToken.None));

        outcome.ExecutionStatus.Should().Be(ExecutionStatus.Succeeded, outcome.Cause);
        outcome.Route!.File.Key.Should().Be(key);
        outcome.Status.Should().Be(StepStatus.Loaded);
        (await test.StagingRowsAsync("chart_code")).Should().Be(2);
        (await test.ScalarAsync($"select count(*) from audit.load_ledger where object_key = '{key}'")).Should().Be(1);
        test.BucketKeys("raw_files").Should().BeEmpty("the very object the event named was archived");
        test.BucketKeys("processed").Should().Equal("processed/20261121T0200/chart_code_20261121T0200.csv");
    }

    [Fact]
    public async Task Ingest_WhenAnUnroutedFileNameHasPlusPercentColonAndAccents_ShouldArchiveThatObjectToErrorFiles()
    {
        const string key = "raw_files/Copy+of 100%41 codes:é.csv";
        await using var test = await TestPipeline.CreateAsync(postgres);
        var e = await EventForAsync(test, key, Codes);

        var outcome = IngestOutcome.From(await test.Workflow.IngestAsync(e, CancellationToken.None));

        outcome.Status.Should().Be(StepStatus.Rejected);
        outcome.Archive!.ArchivedKey.Should().Be("error_files/unrouted/Copy+of 100%41 codes:é.csv");
        test.BucketKeys("raw_files").Should().BeEmpty();
        test.BucketKeys("error_files").Should().Equal(
            "error_files/unrouted/Copy+of 100%41 codes:é.csv", "error_files/unrouted/Copy+of 100%41 codes:é.csv.error.json");
    }

    /// <summary>Puts the object, then writes the event as EventBridge sends it (the JSON text, the key unencoded).</summary>
    private static async Task<HealthDw.Functions.Events.S3ObjectCreatedEvent> EventForAsync(TestPipeline test, string key, string content)
    {
        await test.Pipeline.Store.PutAsync(key, new MemoryStream(Encoding.UTF8.GetBytes(content)), CancellationToken.None);
        var head = (await test.Pipeline.Store.HeadAsync(key, CancellationToken.None))!;
        var json = $$"""
            {
              "version": "0", "id": "2a0c9c1e-7d3f-4f0a-9d55-2f1d1f9c0a01", "detail-type": "Object Created", "source": "aws.s3",
              "account": "111122223333", "time": "2026-11-21T02:05:00Z", "region": "us-east-1",
              "resources": ["arn:aws:s3:::{{head.Bucket}}"],
              "detail": {
                "version": "0", "bucket": { "name": "{{head.Bucket}}" },
                "object": { "key": "{{key}}", "size": {{head.Size}}, "etag": "{{head.ETag}}", "sequencer": "617f08299329d18a" },
                "request-id": "N4N7GDK58NMKJ12S", "requester": "123456789012", "source-ip-address": "1.2.3.4", "reason": "PutObject"
              }
            }
            """;
        json.Should().Contain(key.Contains('+') ? "+" : ":", "the key is in the event as it is, not URL-encoded");
        return JsonSerializer.Deserialize(json, HealthDwJsonContext.Default.S3ObjectCreatedEvent)!;
    }
}
