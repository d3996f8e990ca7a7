using System.IO.Compression;
using System.Text;
using HealthDw.Core.Configuration;
using HealthDw.Core.Csv;
using HealthDw.Core.Loading;

namespace HealthDw.Tests.Core.Csv;

/// <summary>Issue 12 item 8: gzip read as a stream; positions are those of the decompressed text.</summary>
public class CompressedFileTests
{
    private static TableContract Contract => PipelineConfigLoader.Load([
        new ConfigFile("routes.yml", "file_pattern: '^{table}_(?<drop>\\d+)\\.csv(?:\\.gz)?$'\nroutes:\n  - table: people\n"),
        new ConfigFile("contracts/people.yml", """
            table: people
            columns:
              - { name: ID, type: bigint, nullable: false }
              - { name: NAME, type: text }
              - { name: BORN, type: date }
            """),
    ]).Contract("people");

    /// <summary>Rows whose names do not repeat, so the gzip stays large (about as large as the text).</summary>
    private static string People(int rows, int badAt = 0)
    {
        var text = new StringBuilder("ID,NAME,BORN\n");
        var random = new Random(5);
        for (var i = 1; i <= rows; i++)
            text.Append(i).Append(',').Append(Convert.ToHexString(BitConverter.GetBytes(random.NextInt64()))).Append(',')
                .Append(i == badAt ? "someday" : "1980-01-02").Append('\n');
        return text.ToString();
    }

    private static byte[] Gzip(string text)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
            gzip.Write(Encoding.UTF8.GetBytes(text));
        return output.ToArray();
    }

    [Theory]
    [InlineData("raw_files/register_users_20261121T0200.csv.gz", FileCompression.Gzip)]
    [InlineData("raw_files/register_users_20261121T0200.CSV.GZ", FileCompression.Gzip)]
    [InlineData("raw_files/register_users_20261121T0200.csv", FileCompression.None)]
    [InlineData("raw_files/register_users_20261121T0200.csv.bz2", FileCompression.None)]
    public void Of_WhenNamed_ShouldGiveTheCompressionOfTheSuffix(string key, FileCompression expected) =>
        CompressedFile.Of(key).Should().Be(expected);

    [Fact]
    public void PrefixCheck_WhenTheRangedReadCutsAGzipStream_ShouldCheckTheTextItDecompressesAtItsLines()
    {
        var gzip = Gzip(People(20_000, badAt: 700));
        gzip.Length.Should().BeGreaterThan(PrefixCheck.PrefixBytes * 2, "the prefix is a part of the file");

        var problems = PrefixCheck.Check(Contract, gzip[..PrefixCheck.PrefixBytes], wholeFile: false, FileCompression.Gzip);

        problems.Kept.Select(p => (p.Rule, p.Line, p.Column)).Should().Equal([("type", 701L, (int?)3)],
            "the bad date is on line 701 of the text; the cut at the end of the prefix is no problem");
    }

    [Fact]
    public void PrefixCheck_WhenAGzFileIsNotGzip_ShouldBeAnEncodingProblemAtLineOne()
    {
        var problems = PrefixCheck.Check(Contract, Encoding.UTF8.GetBytes(People(3)), wholeFile: true, FileCompression.Gzip);

        problems.Kept.Select(p => (p.Rule, p.Line, p.Column)).Should().Equal([("encoding", 1L, (int?)null)]);
        problems.Kept[0].Message.Should().Be("the file's content is not the gzip data its name declares");
    }

    [Fact]
    public void CheckAll_WhenAGzipFileIsCutShort_ShouldBeAnEncodingProblemWhereTheTextStops()
    {
        var gzip = Gzip(People(20_000));
        var problems = new ProblemLog();

        using var text = CompressedFile.Open(new MemoryStream(gzip[..(gzip.Length / 2)]), FileCompression.Gzip);
        var rows = CheckedRows.CheckAll(text, Contract, problems, default);

        problems.Kept.Should().ContainSingle().Which.Rule.Should().Be("encoding");
        problems.Kept[0].Line.Should().BeInRange(2, 20_001).And.Be(rows + 2, "the cut record is dropped, and the problem is on its line");
    }

    [Fact]
    public void CheckAll_WhenAGzipFileIsWhole_ShouldReadEveryRowWithoutAProblem()
    {
        var problems = new ProblemLog();

        using var text = CompressedFile.Open(new MemoryStream(Gzip(People(20_000))), FileCompression.Gzip);

        CheckedRows.CheckAll(text, Contract, problems, default).Should().Be(20_000);
        problems.Any.Should().BeFalse();
    }

    [Fact]
    public void CheckAll_WhenAGzFileIsNotGzip_ShouldBeAnEncodingProblemAtLineOne()
    {
        var problems = new ProblemLog();

        using var text = CompressedFile.Open(new MemoryStream(Encoding.UTF8.GetBytes(People(3))), FileCompression.Gzip);
        CheckedRows.CheckAll(text, Contract, problems, default);

        problems.Kept.Select(p => (p.Rule, p.Line, p.Column)).Should().Equal([("encoding", 1L, (int?)null)]);
    }
}
