using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HealthDw.Core.Loading;
using HealthDw.Core.Pipeline;
using HealthDw.Functions;
using HealthDw.Functions.Steps;

namespace HealthDw.Tests.Functions;

/// <summary>The steps after Route File take a <see cref="RoutedFile"/>: the file Route File answered, read with its
/// table and drop required.</summary>
public class RoutedFileTests
{
    private const string NoTable = """
        {"bucket": "b", "key": "raw_files/chart_code_20261121T0200.csv", "size": 10, "eTag": "e", "versionId": null,
         "table": null, "dropId": "20261121T0200", "part": null}
        """;

    private const string NoDrop = """
        {"bucket": "b", "key": "raw_files/chart_code_20261121T0200.csv", "size": 10, "eTag": "e", "versionId": null,
         "table": "chart_code", "part": null}
        """;

    [Theory]
    [InlineData(StepHandlerTable.ValidateFile, NoTable)]
    [InlineData(StepHandlerTable.ValidateFile, NoDrop)]
    [InlineData(StepHandlerTable.LoadToStaging, NoTable)]
    [InlineData(StepHandlerTable.LoadToStaging, NoDrop)]
    public async Task Step_WhenTheFileHasNoTableOrNoDrop_ShouldRefuseItAsBadInputBeforeAnyHandlerRuns(string step, string payload)
    {
        // No adapter: a handler that ran would fail on one, so only a refusal on the way in is BadInput.
        var table = new StepHandlerTable(new StepPorts(null!, null!, null!, null!, null!, null!, null!, null!, null!, null!, null!, null!, _ => null));

        var run = () => table.Handlers[step](Encoding.UTF8.GetBytes(payload), CancellationToken.None);

        (await run.Should().ThrowAsync<StepFailedException>()).Which.ErrorName.Should().Be(StepFailedException.BadInput);
    }

    [Fact]
    public void Deserialize_WhenRouteFileAnsweredARoutedFile_ShouldReadTheSameFileWithItsTableAndDrop()
    {
        var answered = new FileRef("b", "raw_files/billing_claim_20261121T0200_part2.csv", 10, "e", "v1", "billing_claim", "20261121T0200", 2, "exec-1");

        var routed = JsonSerializer.Deserialize(JsonSerializer.Serialize(answered, HealthDwJsonContext.Default.FileRef), HealthDwJsonContext.Default.RoutedFile)!;

        routed.Should().Be(new RoutedFile("b", "raw_files/billing_claim_20261121T0200_part2.csv", 10, "e", "v1", "billing_claim",
            new DropId("20261121T0200"), 2, "exec-1"));
        routed.Object.Should().Be(answered.Object);
        JsonNode.DeepEquals(JsonSerializer.SerializeToNode(routed, HealthDwJsonContext.Default.RoutedFile),
            JsonSerializer.SerializeToNode(answered, HealthDwJsonContext.Default.FileRef)).Should().BeTrue("the two are one shape on the wire");
    }
}
