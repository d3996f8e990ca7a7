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
    [InlineData("raw_files/register_users_20261121T0200.csv.br", FileCompression.Brotli)]
    [InlineData("raw_files/register_users_20261121T0200.csv.deflate", FileCompression.Deflate)]
    [InlineData("raw_files/register_users_20261121T0200.csv.raw_deflate", FileCompression.RawDeflate)]
    [InlineData("raw_files/register_users_20261121T0200.CSV.RAW_DEFLATE", FileCompression.RawDeflate)]
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

    private static byte[] Compressed(string text, FileCompression compression)
    {
        var output = new MemoryStream();
        using (Stream compressor = compression switch
        {
            FileCompression.Gzip => new GZipStream(output, CompressionLevel.Fastest),
            FileCompression.Brotli => new BrotliStream(output, CompressionLevel.Fastest),
            FileCompression.Deflate => new ZLibStream(output, CompressionLevel.Fastest),
            _ => new DeflateStream(output, CompressionLevel.Fastest),
        })
        {
            compressor.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }

    /// <summary>Whole files of every size up to a few windows read completely; cut anywhere (one byte short included:
    /// no format here carries the text's length) they fail, though .NET's own decompressing streams just end early.</summary>
    [Theory]
    [InlineData(FileCompression.Gzip)]
    [InlineData(FileCompression.Brotli)]
    [InlineData(FileCompression.Deflate)]
    [InlineData(FileCompression.RawDeflate)]
    public void Open_WhenWholeOrCutAnywhere_ShouldReadTheWholeTextOrFail(FileCompression compression)
    {
        foreach (var rows in new[] { 1, 3, 100, 5_000 })
        {
            var text = Encoding.UTF8.GetBytes(People(rows));
            var whole = Compressed(People(rows), compression);
            ReadAll(whole, compression).Should().Equal(text, $"{rows} rows, whole");
            foreach (var cut in new[] { whole.Length - 1, whole.Length - 4, whole.Length / 2, 3 }.Where(c => c > 0 && c < whole.Length))
            {
                var act = () => ReadAll(whole[..cut], compression);
                act.Should().Throw<InvalidDataException>($"{rows} rows cut at {cut} of {whole.Length}");
            }
        }
    }

    [Theory]
    [InlineData(FileCompression.Brotli)]
    [InlineData(FileCompression.Deflate)]
    [InlineData(FileCompression.RawDeflate)]
    public void PrefixCheck_WhenTheRangedReadCutsTheStream_ShouldCheckTheTextItDecompressesAtItsLines(FileCompression compression)
    {
        var data = Compressed(People(40_000, badAt: 700), compression);
        data.Length.Should().BeGreaterThan(PrefixCheck.PrefixBytes * 2, "the prefix is a part of the file");

        var problems = PrefixCheck.Check(Contract, data[..PrefixCheck.PrefixBytes], wholeFile: false, compression);

        problems.Kept.Select(p => (p.Rule, p.Line, p.Column)).Should().Equal([("type", 701L, (int?)3)]);
    }

    private static byte[] ReadAll(byte[] data, FileCompression compression)
    {
        using var text = CompressedFile.Open(new MemoryStream(data), compression);
        using var output = new MemoryStream();
        text.CopyTo(output);
        return output.ToArray();
    }
}
