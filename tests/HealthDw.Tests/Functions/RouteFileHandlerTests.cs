using System.Text.Json;
using HealthDw.Cli.Local;
using HealthDw.Functions.Configuration;
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
    public void Handle_WhenKeyIsUrlEncoded_ShouldDecodeItBeforeRouting()
    {
        var result = Handler.Handle(Event("s3-object-created-encoded-key.json"));

        result.File.Key.Should().Be("raw_files/Copy of register_users_20261121T0200.csv");
        result.Kind.Should().Be(StepStatus.Unknown, "a renamed copy does not follow the naming convention");
        result.File.VersionId.Should().BeNull();
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
