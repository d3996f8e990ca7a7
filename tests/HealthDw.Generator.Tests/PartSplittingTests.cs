using HealthDw.Generator.Tests.Support;

namespace HealthDw.Generator.Tests;

public sealed class PartSplittingTests
{
    private const string DropId = "20261121T1900";

    [Fact]
    public void Generate_WhenATableExceedsPartBytes_ShouldSplitItIntoHeaderedPartsHoldingTheSameRows()
    {
        const long partBytes = 64 * 1024;
        var whole = new GeneratedDropFiles(new GeneratorOptions(0.02, 9, DropId));
        var split = new GeneratedDropFiles(new GeneratorOptions(0.02, 9, DropId, PartBytes: partBytes));

        split.Drop.Files.Should().Contain(f => f.Part == 3, "large tables need several parts");
        foreach (var table in GeneratedDropFiles.TableNames)
        {
            var wholeFile = whole.Drop.Files.Single(f => f.Table == table);
            var parts = split.Drop.Files.Where(f => f.Table == table).ToList();
            var header = whole.Table(table).Header;

            if (wholeFile.Bytes <= partBytes)
            {
                parts.Should().ContainSingle().Which.Should().Be(wholeFile, $"{table} fits in one part");
                continue;
            }

            parts.Select(p => p.Part).Should().Equal(Enumerable.Range(1, parts.Count).Select(i => (int?)i));
            parts.Select(p => p.Name).Should().Equal(parts.Select(p => $"{table}_{DropId}_part{p.Part}.csv"));
            foreach (var part in parts)
            {
                var bytes = split.Writer.Read(part.Name);
                var csv = CsvFile.Parse(bytes);
                csv.Header.Should().Equal(header, $"{part.Name} has its own header");
                csv.HasBom.Should().Be(table == "chart_code");
                csv.Rows.Should().HaveCount((int)part.Rows);
                bytes.LongLength.Should().Be(part.Bytes).And.BeLessThanOrEqualTo(partBytes);
            }

            parts.Sum(p => p.Rows).Should().Be(wholeFile.Rows);
            split.Table(table).Rows.Should().BeEquivalentTo(whole.Table(table).Rows, o => o.WithStrictOrdering(), $"{table}'s parts hold its rows in order");
        }
    }

    [Fact]
    public void Generate_WhenPartBytesIsSmallerThanOneRow_ShouldWriteOneRowPerPart()
    {
        var drop = new GeneratedDropFiles(new GeneratorOptions(0.0001, 3, DropId, PartBytes: 1));

        var locations = drop.Drop.Files.Where(f => f.Table == "register_location").ToList();

        locations.Should().HaveCount(3).And.OnlyContain(f => f.Rows == 1);
        drop.Table("register_location").Rows.Should().HaveCount(3);
    }
}
