using System.IO.Compression;
using System.Text;
using HealthDw.Core.Loading;
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

    private async Task<(LoadOutcome Outcome, IReadOnlyList<string> Staged)> LoadAsync(byte[] content, string suffix, bool checkFilesFirst)
    {
        using var bucket = new TempFolder("healthdw-gzip-copy");
        await using var under = await SnowflakeWarehouseBehaviour.CreateAsync(postgres, bucket.Path, checkFilesFirst);
        await under.Warehouse.EnsureSchemaAsync(Pipeline, default);
        var key = $"raw_files/{Provider}_{Drop}{suffix}";
        await using (var stream = new MemoryStream(content))
            await under.Store.PutAsync(key, stream, default);
        var head = await under.Store.HeadAsync(key, default);
        var outcome = await under.Loader.LoadAsync(new FileToLoad(head!, Provider, Drop, null), Contract(Provider), null, default);
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
