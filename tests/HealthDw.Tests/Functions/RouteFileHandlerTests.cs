using System.Text.Json;
using HealthDw.Cli.Local;
using HealthDw.Hosting.Configuration;
using HealthDw.Functions;
using HealthDw.Functions.Steps;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Functions;

public class RouteFileHandlerTests
{
    private static readonly RouteFileHandler Handler = new(ConfigFolder.Load(Repo.ConfigFolder));

    private static HealthDw.Functions.Events.S3ObjectCreatedEvent Event(string fixture) =>
        JsonSerializer.Deserialize(File.ReadAllText(Path.Combine(Repo.Fixtures, "events", fixture)), HealthDwJsonContext.Default.S3ObjectCreatedEvent)!;

    [Fact]
    public void Handle_WhenRealEventBridgeEvent_ShouldRouteWithVersionAndPart()
    {
        var result = Handler.Handle(Event("s3-object-created.json"));

        result.Kind.Should().Be(StepStatus.Routed);
        result.File.Should().Be(new FileRef("healthdw-dev-data", "raw_files/billing_claim_20261121T0200_part2.csv", 5242880,
            "b1946ac92492d2347c6235b4d2611184", "IYV3p45BT0ac8hjHg1houSdS1a.Mro8e", "billing_claim", "20261121T0200", 2));
    }

    [Fact]
    public void Handle_WhenEventBridgeKeyHasPlusPercentColonSpaceAndAccent_ShouldTakeTheKeyAsItIs()
    {
        // S3 User Guide, "EventBridge event message structure": detail.object.key is the key itself, not URL-encoded
        // (only S3 event notifications to Lambda, SQS and SNS encode keys, '+' for a space).
        var result = Handler.Handle(Event("s3-object-created-special-key.json"));

        result.File.Key.Should().Be("raw_files/vendor+x 100%41:é/Copy+of register_users_20261121T0200 (1).csv");
        result.Kind.Should().Be(StepStatus.Unknown, "a renamed copy does not follow the naming convention");
        result.File.VersionId.Should().BeNull();
    }

    [Theory]
    [InlineData("raw_files/a+b.csv")]
    [InlineData("raw_files/100%41 sure.csv")]
    [InlineData("raw_files/2023-08-08T14:03:40.532432.csv")]
    [InlineData("raw_files/café 中/x y.csv")]
    public void For_WhenKeyHasCharactersThatUrlEncodingChanges_ShouldCarryTheKeyAsEventBridgeDoes(string key)
    {
        // S3 User Guide, "EventBridge event message structure": the local event must be what EventBridge sends,
        // the key unencoded, and Route must give that very key back.
        var e = HealthDw.Functions.Events.S3ObjectCreatedEvent.For("local", key, 1, "e", null, DateTimeOffset.UnixEpoch, "id");

        e.Detail.Object.Key.Should().Be(key);
        JsonSerializer.Serialize(e, HealthDwJsonContext.Default.S3ObjectCreatedEvent).Should().NotContain("%25").And.NotContain("%3A");
        Handler.Handle(e).File.Key.Should().Be(key);
    }

    [Fact]
    public void Output_WhenSerialised_ShouldCarryKeysAndCountsOnly()
    {
        var json = JsonSerializer.Serialize(Handler.Handle(Event("s3-object-created.json")), HealthDwJsonContext.Default.RouteResult);

        using var doc = JsonDocument.Parse(json);
        doc.RootElement.GetProperty("kind").GetString().Should().Be("routed");
        doc.RootElement.GetProperty("file").GetProperty("table").GetString().Should().Be("billing_claim");
        json.Length.Should().BeLessThan(1024);
    }

    [Fact]
    public void Handle_WhenPayloadHasNoEvent_ShouldFailAsBadInputNamingTheExpectedShape()
    {
        var request = JsonSerializer.Deserialize("""{"version": "0", "detail": {}}""", HealthDwJsonContext.Default.RouteRequest)!;

        var act = () => Handler.Handle(request);

        act.Should().Throw<StepFailedException>().Which.Should().BeEquivalentTo(new { ErrorName = StepFailedException.BadInput });
    }
}
