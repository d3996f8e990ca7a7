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
