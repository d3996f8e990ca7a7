using System.Text.Json;
using System.Text.Json.Nodes;
using HealthDw.Core.Models;
using HealthDw.Core.Pipeline;
using HealthDw.Functions;
using HealthDw.Functions.Steps;

namespace HealthDw.Tests.Core.Pipeline;

public class DropIdTests
{
    [Fact]
    public void Time_WhenTheIdIsADropTimestamp_ShouldBeThatTimeInUtc() =>
        new DropId("20261121T0200").Time.Should().Be(new DateTimeOffset(2026, 11, 21, 2, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData("doctor-20261121T020000-ab12cd34")]
    [InlineData("20261121")]
    [InlineData("")]
    public void Time_WhenTheIdHasAnotherShape_ShouldBeNull(string id) =>
        new DropId(id).Time.Should().BeNull();

    [Theory]
    [InlineData("20261121T0200", "build_20261121t0200")]
    [InlineData("doctor-20261121T020000-ab12cd34", "build_doctor20261121t020000ab12cd34")]
    public void BuildSchema_ShouldBeBuildAndTheIdsLettersAndDigitsInLowerCase(string id, string schema)
    {
        new DropId(id).BuildSchema.Should().Be(schema);
        BuildTarget.ForDrop(id, DateTimeOffset.UnixEpoch).BuildSchema.Should().Be(schema, "the publisher builds where the id says");
    }

    [Fact]
    public void ManifestKey_ShouldBeTheManifestArchivedUnderTheDrop() =>
        new DropId("20261121T0200").ManifestKey.Should().Be("processed/20261121T0200/_manifest_20261121T0200.json");

    [Fact]
    public void Serialize_WhenAStepPayloadCarriesADropId_ShouldWriteThePlainString()
    {
        var json = JsonSerializer.Serialize(new DropStatusRequest(new DropId("20261121T0200"), "exec-1"), HealthDwJsonContext.Default.DropStatusRequest);

        JsonNode.Parse(json)!["dropId"]!.GetValue<string>().Should().Be("20261121T0200");
        JsonSerializer.Deserialize("""{"dropId": "20261121T0200"}""", HealthDwJsonContext.Default.DropStatusRequest)!.DropId
            .Should().Be(new DropId("20261121T0200"));
    }

    [Fact]
    public void Deserialize_WhenTheDropIdIsNotAString_ShouldBeAJsonError()
    {
        var read = () => JsonSerializer.Deserialize("""{"dropId": 20261121}""", HealthDwJsonContext.Default.DropStatusRequest);

        read.Should().Throw<JsonException>();
    }
}
