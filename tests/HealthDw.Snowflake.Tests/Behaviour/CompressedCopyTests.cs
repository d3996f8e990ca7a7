using System.IO.Compression;
using System.Text;
using HealthDw.Core.Loading;
using HealthDw.Core.Pipeline;
using HealthDw.Tests.Support;
using static HealthDw.Snowflake.Tests.Behaviour.BehaviourConfig;

namespace HealthDw.Snowflake.Tests.Behaviour;

/// <summary>
/// Issue 12 item 8 on the Snowflake path: a <c>.csv.gz</c> is checked by the loader as decompressed text, and the COPY
/// names <c>COMPRESSION = GZIP</c>, so the emulated Snowflake decompresses it (COPY INTO &lt;table&gt; reference, format
/// type option COMPRESSION). Were the COPY to say NONE, the emulator would read the gzip bytes as text and fail.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CompressedCopyTests(PostgresFixture postgres)
{
    private const string Drop = "20261121T0200";
    private const string Header = "provider_id,npi,name,started,active,rate\n";
    private const string Rows = "1,1234567890,Ada Lovelace,2020-01-15,true,120.50\n2,2222222222,Bob,2021-06-30,false,99.99\n3,1111111111,Cy,2022-01-01,true,10.00\n";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task LoadAsync_WhenTheFileIsGzipped_ShouldCopyItThroughTheStageAsThePlainFile(bool checkFilesFirst)
    {
        var plain = await LoadAsync(Encoding.UTF8.GetBytes(Header + Rows), ".csv", checkFilesFirst);
        var gzipped = await LoadAsync(Gzip(Header + Rows), ".csv.gz", checkFilesFirst);

        plain.Outcome.Status.Should().Be(LoadStatus.Loaded);
        gzipped.Outcome.Status.Should().Be(LoadStatus.Loaded, string.Join("; ", gzipped.Outcome.Problems));
        gzipped.Outcome.Rows.Should().Be(3);
        gzipped.Staged.Should().Equal(plain.Staged, "the same values and source lines");
    }

    [Fact]
    public async Task LoadAsync_WhenOnlyTheCopyJudgesABadRowInAGzippedFile_ShouldReportTheDecompressedLineAndColumn()
    {
        var bad = await LoadAsync(Gzip(Header + Rows + "4,SECRET9999,Dee,2021-06-30,false,abc\n"), ".csv.gz", checkFilesFirst: false);

        bad.Outcome.Status.Should().Be(LoadStatus.Rejected);
        bad.Outcome.Problems.Select(p => (p.Rule, p.Line, p.Column)).Should().Equal([("type", 5L, (int?)6)]);
    }

    [Fact]
    public async Task LoadAsync_WhenAGzFileIsNotGzip_ShouldBeRefusedBeforeTheCopyAsEncodingAtLineOne()
    {
        var fake = await LoadAsync(Encoding.UTF8.GetBytes(Header + Rows), ".csv.gz", checkFilesFirst: true);

        fake.Outcome.Status.Should().Be(LoadStatus.Rejected);
        fake.Outcome.Problems.Select(p => (p.Rule, p.Line, p.Column)).Should().Equal([("encoding", 1L, (int?)null)]);
    }

    [Fact]
    public async Task Copy_WhenAGzFileIsNotGzip_ShouldFailInSnowflakesDecompression()
    {
        // Without the loader's own check, Snowflake is told GZIP and refuses data that is not (the emulator as Snowflake).
        var act = () => LoadAsync(Encoding.UTF8.GetBytes(Header + Rows), ".csv.gz", checkFilesFirst: false);

        (await act.Should().ThrowAsync<Exception>()).Which.ToString().Should().Contain("decompression");
    }

    /// <summary>The other compressions Snowflake reads that .NET reads too: the loader's whole-file check reads the text,
    /// and the COPY names the compression (BROTLI must be named: AUTO does not detect it), so the emulated Snowflake loads
    /// the same rows as from the plain file.</summary>
    [Theory]
    [InlineData(".csv.br", true)]
    [InlineData(".csv.br", false)]
    [InlineData(".csv.deflate", true)]
    [InlineData(".csv.deflate", false)]
    [InlineData(".csv.raw_deflate", true)]
    [InlineData(".csv.raw_deflate", false)]
    public async Task LoadAsync_WhenTheFileIsCompressed_ShouldCopyItThroughTheStageAsThePlainFile(string suffix, bool checkFilesFirst)
    {
        var plain = await LoadAsync(Encoding.UTF8.GetBytes(Header + Rows), ".csv", checkFilesFirst);
        var compressed = await LoadAsync(Compress(Header + Rows, suffix), suffix, checkFilesFirst);

        compressed.Outcome.Status.Should().Be(LoadStatus.Loaded, string.Join("; ", compressed.Outcome.Problems));
        compressed.Outcome.Rows.Should().Be(3);
        compressed.Staged.Should().Equal(plain.Staged, "the same values and source lines");
    }

    /// <summary>CREATE FILE FORMAT, format type option COMPRESSION: AUTO detects the compression "except for Brotli-compressed
    /// files, which cannot currently be detected automatically"; so a COPY that said AUTO would read a Brotli file as text
    /// and fail. The emulator holds to that: with the COPY's compression turned into AUTO, the load is refused.</summary>
    [Fact]
    public async Task Copy_WhenABrotliFileIsCopiedUnderAuto_ShouldNotLoad()
    {
        // Enough rows that Brotli compresses them (a tiny text is stored as it is, and would read as text under AUTO too).
        var rows = string.Concat(Enumerable.Range(1, 400).Select(i => $"{i},{1_000_000_000 + i},Name {i},2020-01-15,true,1.00\n"));
        var brotli = Compress(Header + rows, ".csv.br");
        var named = await LoadAsync(brotli, ".csv.br", checkFilesFirst: false);
        named.Outcome.Status.Should().Be(LoadStatus.Loaded, "named BROTLI, the file loads");

        var underAuto = await LoadAsync(brotli, ".csv.br", checkFilesFirst: false,
            body => body.Replace("compression = brotli", "compression = auto", StringComparison.Ordinal));

        underAuto.Outcome.Status.Should().Be(LoadStatus.Rejected, "under AUTO the Brotli bytes are read as text, which is not UTF-8");
        underAuto.Outcome.Problems.Select(p => p.Rule).Should().Equal("encoding");
        underAuto.Staged.Should().BeEmpty();
    }

    [Theory]
    [InlineData(".csv.br")]
    [InlineData(".csv.deflate")]
    [InlineData(".csv.raw_deflate")]
    public async Task Copy_WhenACompressedFileIsPlainText_ShouldFailInSnowflakesDecompression(string suffix)
    {
        var act = () => LoadAsync(Encoding.UTF8.GetBytes(Header + Rows), suffix, checkFilesFirst: false);

        (await act.Should().ThrowAsync<Exception>()).Which.ToString().Should().Contain("Invalid data encountered during decompression");
    }

    [Theory]
    [InlineData(".csv.br")]
    [InlineData(".csv.deflate")]
    [InlineData(".csv.raw_deflate")]
    public async Task LoadAsync_WhenACompressedFileIsCutShort_ShouldBeRefusedBeforeTheCopyAsEncoding(string suffix)
    {
        var whole = Compress(Header + Rows, suffix);

        var cut = await LoadAsync(whole[..^1], suffix, checkFilesFirst: true);

        cut.Outcome.Status.Should().Be(LoadStatus.Rejected);
        cut.Outcome.Problems.Select(p => p.Rule).Should().Equal("encoding");
        cut.Staged.Should().BeEmpty();
    }

    private static byte[] Compress(string text, string suffix)
    {
        var output = new MemoryStream();
        using (Stream compressor = suffix switch
        {
            ".csv.br" => new BrotliStream(output, CompressionLevel.Fastest),
            ".csv.deflate" => new ZLibStream(output, CompressionLevel.Fastest),
            _ => new DeflateStream(output, CompressionLevel.Fastest),
        })
        {
            compressor.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }

    private async Task<(LoadOutcome Outcome, IReadOnlyList<string> Staged)> LoadAsync(byte[] content, string suffix, bool checkFilesFirst,
        Func<string, string>? rewriteRequest = null)
    {
        using var bucket = new TempFolder("healthdw-gzip-copy");
        await using var under = await SnowflakeWarehouseBehaviour.CreateAsync(postgres, bucket.Path, checkFilesFirst);
        if (rewriteRequest is not null && under.Owned is SnowflakeWarehouseBehaviour.Owned owned)
            owned.Harness.Server.Handler = request => owned.Emulator.Handle(request with { Body = rewriteRequest(request.Body) });
        await under.Warehouse.EnsureSchemaAsync(Pipeline, default);
        var key = $"raw_files/{Provider}_{Drop}{suffix}";
        await using (var stream = new MemoryStream(content))
            await under.Store.PutAsync(key, stream, default);
        var head = await under.Store.HeadAsync(key, default);
        var outcome = await under.Loader.LoadAsync(RoutedFile.Of(head!, Provider, new DropId(Drop), null), Contract(Provider), null, default);
        var staged = await under.Sql.QueryAsync(
            $"select provider_id, npi, name, _source_line from staging.{Provider} order by provider_id", default);
        return (outcome, staged.Select(r => string.Join("|", r)).ToList());
    }

    private static byte[] Gzip(string text)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
            gzip.Write(Encoding.UTF8.GetBytes(text));
        return output.ToArray();
    }
}
