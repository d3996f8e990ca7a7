using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using HealthDw.Generator.Tests.Support;

namespace HealthDw.Generator.Tests;

[Collection(SharedDropCollection.Name)]
public sealed class ManifestTests(SharedDrop shared)
{
    private readonly GeneratedDropFiles _drop = shared.Files;

    [Fact]
    public void Generate_WhenDone_ShouldWriteManifestListingEveryFileWithRowsBytesAndSha256()
    {
        var bytes = _drop.Writer.Read($"_manifest_{SharedDrop.DropId}.json");
        bytes.Take(3).Should().NotEqual(new byte[] { 0xEF, 0xBB, 0xBF }, "the manifest has no BOM");
        using var manifest = JsonDocument.Parse(bytes);
        var root = manifest.RootElement;

        root.EnumerateObject().Select(p => p.Name).Should().Equal("drop", "files", "control_totals");
        root.GetProperty("drop").GetString().Should().Be(SharedDrop.DropId);
        var files = root.GetProperty("files").EnumerateArray().ToList();
        files.Select(f => f.GetProperty("name").GetString()).Should().Equal(_drop.Drop.Files.Select(f => f.Name));

        foreach (var entry in files)
        {
            entry.EnumerateObject().Select(p => p.Name).Should().Equal("name", "table", "part", "rows", "bytes", "sha256");
            var name = entry.GetProperty("name").GetString()!;
            var content = _drop.Writer.Read(name);
            var parsed = CsvFile.Parse(content);

            entry.GetProperty("table").GetString().Should().Be(name[..name.IndexOf("_2026", StringComparison.Ordinal)]);
            entry.GetProperty("part").ValueKind.Should().Be(JsonValueKind.Null, "nothing is split at 8 MiB parts and scale 0.05");
            entry.GetProperty("rows").GetInt64().Should().Be(parsed.Rows.Count, name);
            entry.GetProperty("bytes").GetInt64().Should().Be(content.Length, name);
            entry.GetProperty("sha256").GetString().Should().Be(Convert.ToHexStringLower(SHA256.HashData(content)), name);
        }
    }

    /// <summary>Issue 12, item 5: the manifest carries the EMR's own figures for the drop, which warehouse/reconciliations.yml
    /// compares with the warehouse's; they are the figures of the drop's files.</summary>
    [Fact]
    public void Generate_WhenDone_ShouldWriteTheDropsControlTotalsAsTheFilesHoldThem()
    {
        using var manifest = JsonDocument.Parse(_drop.Writer.Read($"_manifest_{SharedDrop.DropId}.json"));
        var totals = manifest.RootElement.GetProperty("control_totals");
        var appointments = CsvFile.Parse(_drop.Writer.Read($"chart_appointment_{SharedDrop.DropId}.csv"));
        var claims = CsvFile.Parse(_drop.Writer.Read($"billing_claim_{SharedDrop.DropId}.csv"));
        var billed = claims.Header.ToList().IndexOf("BILLED_AMOUNT");

        totals.EnumerateObject().Select(p => p.Name).Should().Equal("appointments", "billed_amount");
        totals.GetProperty("appointments").GetInt64().Should().Be(appointments.Rows.Select(r => r[0]).Distinct().Count());
        totals.GetProperty("billed_amount").GetString().Should()
            .Be(claims.Rows.Sum(r => decimal.Parse(r[billed], CultureInfo.InvariantCulture)).ToString("0.00", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Generate_WhenDone_ShouldReturnTheSameFilesAsTheManifestAndNoOthers()
    {
        var expected = GeneratedDropFiles.TableNames.Select(t => $"{t}_{SharedDrop.DropId}.csv");

        _drop.Drop.DropId.Should().Be(SharedDrop.DropId);
        _drop.Drop.Files.Select(f => f.Name).Should().Equal(expected);
        _drop.Writer.Paths.Where(p => !p.StartsWith("faults/", StringComparison.Ordinal))
            .Should().BeEquivalentTo(expected.Append($"_manifest_{SharedDrop.DropId}.json"));
    }
}
