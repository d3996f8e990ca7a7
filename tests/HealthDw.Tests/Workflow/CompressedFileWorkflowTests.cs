using System.IO.Compression;
using System.Text;
using HealthDw.Cli.Local;
using HealthDw.StateMachine.History;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Workflow;

/// <summary>
/// Issue 12 item 8: gzip-compressed extracts (<c>.csv.gz</c>) route, validate and load as they arrive, read as a stream;
/// problems name lines and columns of the decompressed text; a <c>.gz</c> that is not gzip is an <c>encoding</c> rejection.
/// </summary>
[Collection(PostgresCollection.Name)]
public class CompressedFileWorkflowTests(PostgresFixture postgres)
{
    private const string Header = "CODEPK,CODE,CODE_TYPE,DESCRIPTION,UPDATE_AT\n";

    [Fact]
    public async Task Drop_WhenTheDropIsGzipped_ShouldPublishExactlyTheRowsOfThePlainDrop()
    {
        await using var plain = await TestPipeline.CreateAsync(postgres);
        await using var gzipped = await TestPipeline.CreateAsync(postgres);
        var plainDrop = Drops.Write(plain.Folder.Combine("drop"));
        var gzipDrop = Drops.Write(gzipped.Folder.Combine("drop"), gzip: true);
        gzipDrop.Files.Should().OnlyContain(f => f.Name.EndsWith(".csv.gz", StringComparison.Ordinal));
        File.ReadAllBytes(gzipped.Folder.Combine("drop", gzipDrop.Files[0].Name)).AsSpan(0, 2).ToArray()
            .Should().Equal([0x1F, 0x8B], "the generator writes gzip");

        var plainRun = await plain.CliAsync("drop", plain.Folder.Combine("drop"));
        var gzipRun = await gzipped.CliAsync("drop", gzipped.Folder.Combine("drop"));

        plainRun.Exit.Should().Be(0, plainRun.Output);
        gzipRun.Exit.Should().Be(0, gzipRun.Output);
        gzipRun.Output.Should().Contain($"drop-{gzipDrop.DropId}: published");
        gzipped.BucketKeys("processed").Should().HaveCount(gzipDrop.Files.Count + 1, "every .csv.gz and the manifest");
        foreach (var table in plainDrop.Files.Select(f => f.Table).Distinct())
        {
            (await gzipped.StagingRowsAsync(table)).Should().Be(await plain.StagingRowsAsync(table), table);
            (await ContentAsync(gzipped, table)).Should().Be(await ContentAsync(plain, table), $"{table} holds the same values and lines");
        }
    }

    [Fact]
    public async Task Drop_WhenAGzippedFileHasABadCell_ShouldRefuseItAtTheDecompressedLineAndColumn()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var rows = new StringBuilder(Header);
        for (var i = 1; i <= 3000; i++)
            rows.Append(i).Append(",E11.").Append(i).Append(",ICD10,x,").Append(i == 2500 ? "soon" : "2026-11-20 10:00:00").Append('\n');
        var file = WriteGzip(test.Folder.Combine("in", "chart_code_20261121T0200.csv.gz"), rows.ToString());

        var run = await test.Runner.DropAsync(file, null, CancellationToken.None);

        run.Outcome.Error.Should().Be("HealthDw.FileRejected");
        run.Outcome.Cause.Should().StartWith("raw_files/chart_code_20261121T0200.csv.gz rejected at ")
            .And.Contain("line 2501, column 5 (UPDATE_AT): the value is not a timestamp as yyyy-MM-dd HH:mm:ss [type]");
        test.BucketKeys("error_files").Should().Contain("error_files/20261121T0200/chart_code_20261121T0200.csv.gz");
        (await test.StagingRowsAsync("chart_code")).Should().Be(0);
    }

    [Fact]
    public async Task Drop_WhenAGzFileIsNotGzip_ShouldRefuseItAsEncodingAtLineOne()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var file = test.Folder.Write("in/chart_code_20261121T0200.csv.gz", Header + "1,E11.9,ICD10,x,2026-11-20 10:00:00\n");

        var run = await test.Runner.DropAsync(file, null, CancellationToken.None);

        run.Outcome.Error.Should().Be("HealthDw.FileRejected");
        run.Outcome.Cause.Should().Contain("rejected at validate: line 1: the file's content is not the gzip data its name declares [encoding]");
        (await test.StagingRowsAsync("chart_code")).Should().Be(0);
        (await test.Workflow.Store.GetAsync(run.Outcome.Execution))!.Path.Should().NotContain("Load To Staging");
    }

    [Fact]
    public async Task Drop_WhenAGzippedFileIsCutShort_ShouldRefuseItAsEncodingAndLoadNothing()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var rows = new StringBuilder(Header);
        for (var i = 1; i <= 20_000; i++) rows.Append(i).Append(",C").Append(i * 7919 % 100_003).Append(",ICD10,x,2026-11-20 10:00:00\n");
        var whole = Gzip(rows.ToString());
        var file = test.Folder.Combine("in", "chart_code_20261121T0200.csv.gz");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, whole[..(whole.Length * 3 / 4)]);

        var run = await test.Runner.DropAsync(file, null, CancellationToken.None);

        run.Outcome.Error.Should().Be("HealthDw.FileRejected");
        run.Outcome.Cause.Should().Contain("the compressed data is damaged or cut short here").And.Contain("[encoding]");
        (await test.StagingRowsAsync("chart_code")).Should().Be(0, "a truncated file loads none of its rows");
    }

    [Fact]
    public async Task Generate_WithGzip_ShouldWriteGzipFilesThatTheManifestNames()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var folder = test.Folder.Combine("gz");

        var (exit, output) = await test.CliAsync("generate", "--scale", "0.01", "--out", folder, "--gzip");

        exit.Should().Be(0, output);
        var files = Directory.GetFiles(folder).Select(Path.GetFileName).Where(n => !n!.StartsWith("_manifest_", StringComparison.Ordinal)).ToList();
        files.Should().NotBeEmpty().And.OnlyContain(n => n!.EndsWith(".csv.gz", StringComparison.Ordinal));
        var manifest = File.ReadAllText(Directory.GetFiles(folder, "_manifest_*.json").Single());
        foreach (var name in files) manifest.Should().Contain($"\"{name}\"");
        using var gzip = new GZipStream(File.OpenRead(Path.Combine(folder, files[0]!)), CompressionMode.Decompress);
        new StreamReader(gzip).ReadLine().Should().Contain(",", "a CSV header inside the gzip");
    }

    /// <summary>The other compressions Snowflake reads that .NET can read ("Preparing to load data", data file compression:
    /// Brotli; deflate with zlib header, RFC 1950; raw deflate, RFC 1951), generated and dropped as a whole drop.</summary>
    [Theory]
    [InlineData("brotli", ".csv.br")]
    [InlineData("deflate", ".csv.deflate")]
    [InlineData("raw_deflate", ".csv.raw_deflate")]
    public async Task Drop_WhenTheDropIsCompressed_ShouldPublishIt(string compression, string suffix)
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var folder = test.Folder.Combine("drop");
        var generated = await test.CliAsync("generate", "--scale", "0.01", "--out", folder, "--compress", compression);
        generated.Exit.Should().Be(0, generated.Output);
        var files = Directory.GetFiles(folder).Select(Path.GetFileName).Where(n => !n!.StartsWith("_manifest_", StringComparison.Ordinal)).ToList();
        files.Should().NotBeEmpty().And.OnlyContain(n => n!.EndsWith(suffix, StringComparison.Ordinal));

        var run = await test.CliAsync("drop", folder);

        run.Exit.Should().Be(0, run.Output);
        run.Output.Should().Contain("published");
        test.BucketKeys("processed").Should().HaveCount(files.Count + 1, "every compressed file and the manifest");
        test.BucketKeys("error_files").Should().BeEmpty();
    }

    [Theory]
    [InlineData(".csv.br")]
    [InlineData(".csv.deflate")]
    [InlineData(".csv.raw_deflate")]
    public async Task Drop_WhenACompressedFileHasABadCell_ShouldRefuseItAtTheDecompressedLineAndColumn(string suffix)
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var rows = new StringBuilder(Header);
        for (var i = 1; i <= 3000; i++)
            rows.Append(i).Append(",E11.").Append(i).Append(",ICD10,x,").Append(i == 2500 ? "soon" : "2026-11-20 10:00:00").Append('\n');
        var file = test.Folder.Combine("in", "chart_code_20261121T0200" + suffix);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, Compress(rows.ToString(), suffix));

        var run = await test.Runner.DropAsync(file, null, CancellationToken.None);

        run.Outcome.Error.Should().Be("HealthDw.FileRejected");
        run.Outcome.Cause.Should().Contain("line 2501, column 5 (UPDATE_AT): the value is not a timestamp as yyyy-MM-dd HH:mm:ss [type]");
        (await test.StagingRowsAsync("chart_code")).Should().Be(0);
    }

    [Theory]
    [InlineData(".csv.br", "Brotli")]
    [InlineData(".csv.deflate", "deflate (zlib)")]
    [InlineData(".csv.raw_deflate", "raw deflate")]
    public async Task Drop_WhenACompressedFileIsPlainText_ShouldRefuseItAsEncodingAtLineOne(string suffix, string name)
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var file = test.Folder.Write("in/chart_code_20261121T0200" + suffix, Header + "1,E11.9,ICD10,x,2026-11-20 10:00:00\n");

        var run = await test.Runner.DropAsync(file, null, CancellationToken.None);

        run.Outcome.Error.Should().Be("HealthDw.FileRejected");
        run.Outcome.Cause.Should().Contain($"rejected at validate: line 1: the file's content is not the {name} data its name declares [encoding]");
        (await test.StagingRowsAsync("chart_code")).Should().Be(0);
    }

    /// <summary>Cut short anywhere, even by one byte (none of these formats carries the text's length): refused, and
    /// nothing loads, both when the cut is beyond the Validate step's ranged read and when the file is small enough to be
    /// read whole there.</summary>
    [Theory]
    [InlineData(".csv.br", 20_000, 4)]
    [InlineData(".csv.br", 20_000, -1)]
    [InlineData(".csv.br", 50, -1)]
    [InlineData(".csv.deflate", 20_000, 4)]
    [InlineData(".csv.deflate", 20_000, -1)]
    [InlineData(".csv.deflate", 50, -1)]
    [InlineData(".csv.raw_deflate", 20_000, 4)]
    [InlineData(".csv.raw_deflate", 20_000, -1)]
    [InlineData(".csv.raw_deflate", 50, -1)]
    public async Task Drop_WhenACompressedFileIsCutShort_ShouldRefuseItAsEncodingAndLoadNothing(string suffix, int rowCount, int quarters)
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var rows = new StringBuilder(Header);
        for (var i = 1; i <= rowCount; i++) rows.Append(i).Append(",C").Append(i * 7919 % 100_003).Append(",ICD10,x,2026-11-20 10:00:00\n");
        var whole = Compress(rows.ToString(), suffix);
        var file = test.Folder.Combine("in", "chart_code_20261121T0200" + suffix);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllBytes(file, whole[..(quarters < 0 ? whole.Length - 1 : whole.Length * quarters / 4 - 1)]);

        var run = await test.Runner.DropAsync(file, null, CancellationToken.None);

        run.Outcome.Error.Should().Be("HealthDw.FileRejected", run.Outcome.Cause);
        run.Outcome.Cause.Should().Contain("[encoding]");
        (await test.StagingRowsAsync("chart_code")).Should().Be(0, "a truncated file loads none of its rows");
    }

    /// <summary>Snowflake reads bzip2 and Zstandard too, but .NET has no reader for them: the file is refused with a reason
    /// that names it and the compressions accepted, never skipped and never read as text.</summary>
    [Theory]
    [InlineData("chart_code_20261121T0200.csv.bz2", "bzip2")]
    [InlineData("chart_code_20261121T0200.csv.zst", "Zstandard")]
    public async Task Drop_WhenTheCompressionHasNoReader_ShouldRefuseItNamingTheFileAndTheCompressionsAccepted(string name, string compression)
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var file = test.Folder.Write("in/" + name, "BZh91AY&SY");

        var run = await test.CliAsync("drop", file);

        run.Exit.Should().Be(1, run.Output);
        test.BucketKeys("error_files").Should().Contain($"error_files/unrouted/{name}");
        var report = File.ReadAllText(test.BucketFile($"error_files/unrouted/{name}.error.json"));
        report.Should().Contain($"{name} is {compression}-compressed, which this pipeline cannot read")
            .And.Contain(".csv.gz (gzip), .csv.br (Brotli), .csv.deflate (zlib, RFC 1950) or .csv.raw_deflate (RFC 1951)");
    }

    /// <summary>The text compressed as the name's suffix says.</summary>
    private static byte[] Compress(string text, string suffix)
    {
        var output = new MemoryStream();
        using (Stream compressor = suffix switch
        {
            ".csv.br" => new BrotliStream(output, CompressionLevel.Fastest),
            ".csv.deflate" => new ZLibStream(output, CompressionLevel.Fastest),
            ".csv.raw_deflate" => new DeflateStream(output, CompressionLevel.Fastest),
            _ => new GZipStream(output, CompressionLevel.Fastest),
        })
        {
            compressor.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }

    private static async Task<string> ContentAsync(TestPipeline test, string table)
    {
        // Every column but the load's own metadata (_load_id, _source_key, …), which differ by key and load.
        await using var command = test.DataSource.CreateCommand($"""
            select coalesce(md5(string_agg(r, E'\n' order by r)), '') from (
              select (select jsonb_object_agg(key, value) from jsonb_each(to_jsonb(t)) where key not in ('_load_id', '_source_key', '_source_version', '_loaded_at'))::text as r
              from staging.{table} t) x
            """);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static string WriteGzip(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, Gzip(text));
        return path;
    }

    private static byte[] Gzip(string text)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
            gzip.Write(Encoding.UTF8.GetBytes(text));
        return output.ToArray();
    }
}
