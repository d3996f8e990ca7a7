using System.Text;
using HealthDw.Cli.Commands;
using HealthDw.Cli.Local;
using HealthDw.Core.Configuration;
using HealthDw.Core.Csv;
using HealthDw.Core.Inference;
using HealthDw.Core.Loading;
using HealthDw.Core.Ports;
using HealthDw.Hosting.Configuration;
using HealthDw.Generator;
using HealthDw.Storage;
using HealthDw.Tests.Support;
using HealthDw.Warehouse.DuckDb;

namespace HealthDw.Tests.Cli;

/// <summary>
/// Issue 15, item 1: <c>healthdw contract infer FILE</c> on real files (the shipped generator's drop, the Synthea-shaped
/// export), each contract written by the command, parsed by the real configuration loader, and its file loaded through the
/// real loader (<see cref="StagingLoader"/>) into the embedded DuckDB warehouse.
/// </summary>
public class ContractInferTests
{
    private const string DropId = "20261121T0200";

    [Theory]
    [InlineData(ExtractCompression.None)]
    [InlineData(ExtractCompression.Gzip)]
    public async Task ContractInfer_OnEveryShippedExtractsGeneratedFile_ShouldWriteAContractThatParsesLoadsTheFileAndIsAsNarrowAsTheShippedOne(
        ExtractCompression compression)
    {
        using var folder = new TempFolder();
        var drop = GenerateCommand.Generate(folder.Combine("drop"), new GeneratorOptions(0.01, 7, DropId, Compression: compression));
        var shipped = ConfigFolder.Load(Repo.ConfigFolder);
        drop.Files.Select(f => f.Table).Should().BeEquivalentTo(shipped.Routes.Routes.Where(r => r.Required).Select(r => r.Table),
            "every shipped extract is covered");

        var inferred = await InferAllAsync(folder, Repo.ConfigFolder, drop.Files.Select(f => (f.Name, f.Table)));

        foreach (var file in drop.Files)
        {
            var contract = inferred.Contract(file.Table);
            var reference = shipped.Contract(file.Table);
            contract.Columns.Select(c => c.Name).Should().Equal(reference.Columns.Select(c => c.Name));
            foreach (var column in contract.Columns)
            {
                var theirs = reference.Find(column.Name)!.Type;
                TypeNarrowness.IsAsNarrowAs(column.Type, theirs).Should()
                    .BeTrue($"{file.Table}.{column.Name} is inferred as {column.Type}, the shipped contract says {theirs}");
            }

            contract.PrimaryKey.Should().Equal(reference.PrimaryKey, file.Table);
        }

        var loaded = await LoadAllOnDuckDbAsync(folder, inferred, drop.Files.Select(f => (f.Name, f.Table)));
        foreach (var file in drop.Files) loaded[file.Name].Should().Be(file.Rows, file.Name);
        File.ReadAllText(folder.Combine("inferred", "contracts", "billing_claim.yml")).Should()
            .Contain("# references: chart_appointment.APPTPK").And.Contain("# references: chart_code.CODEPK");
    }

    [Fact]
    public async Task ContractInfer_OnTheSyntheaShapedExport_ShouldWriteContractsThatLoadEveryFile()
    {
        using var folder = new TempFolder();
        var export = SyntheaExport.Write(folder.Combine("drop"));
        var synthea = Path.Combine(Repo.Fixtures, "synthea", "warehouse");
        var files = SyntheaExport.Tables.Select(t => ($"{t}_{SyntheaExport.DropId}.csv", t)).ToList();

        var inferred = await InferAllAsync(folder, synthea, files);
        var loaded = await LoadAllOnDuckDbAsync(folder, inferred, files);

        foreach (var (name, table) in files) loaded[name].Should().Be(export.Rows[table], name);
        var handWritten = ConfigFolder.Load(synthea);
        foreach (var (_, table) in files)
        {
            // Text is inferred only for a column with no value at all (Synthea's empty SUFFIX): any type would do, text is the safe guess.
            foreach (var column in inferred.Contract(table).Columns.Where(c => c.Type.Kind != ColumnKind.Text))
            {
                var theirs = handWritten.Contract(table).Find(column.Name)!.Type;
                TypeNarrowness.IsAsNarrowAs(column.Type, theirs).Should().BeTrue($"{table}.{column.Name}: {column.Type} against {theirs}");
            }
        }

        inferred.Contract("patients").PrimaryKey.Should().Equal("Id");
        inferred.Contract("conditions").PrimaryKey.Should().BeEmpty("conditions has no key");
    }

    /// <summary>The contracts' comments carry evidence (counts, lengths, names), never a cell: every cell of every input file
    /// that could identify someone is looked for in the output, as the workflow's PHI scan does.</summary>
    [Fact]
    public async Task ContractInfer_ShouldPrintNoCellValueOfTheFile()
    {
        using var folder = new TempFolder();
        GenerateCommand.Generate(folder.Combine("drop"), new GeneratorOptions(0.01, 7, DropId));
        SyntheaExport.Write(folder.Combine("drop"));
        var settings = Settings(folder, Repo.ConfigFolder);
        var outputs = new List<(string File, string Text)>();
        foreach (var file in Directory.GetFiles(folder.Combine("drop"), "*.csv"))
        {
            var (exit, output) = await TestPipeline.CliAsync(settings, 120, "contract", "infer", file);
            exit.Should().Be(0, output);
            outputs.Add((Path.GetFileName(file), output));
        }

        var values = CellValues(folder.Combine("drop")).ToList();
        values.Count.Should().BeGreaterThan(1000, "the scan must have something to look for");
        Leaks(outputs, values).Should().BeEmpty();
        var planted = values.First(v => v.Contains('@', StringComparison.Ordinal));
        Leaks([("planted", outputs[0].Text + $"  # max {planted}\n")], values).Should().Contain($"planted: {planted}", "the scan finds a value that is there");
    }

    [Fact]
    public async Task ContractInfer_WhenARowIsMalformed_ShouldExitOneWithOneLineNamingTheFileLineAndColumnButNoValue()
    {
        using var folder = new TempFolder();
        var file = folder.Write("chart_vitals_20261201T0600.csv", "VITALPK,NOTE\n1,fine\n2,\"Jane \"Doe\"\n3,ok\n");

        var (exit, output) = await TestPipeline.CliAsync(Settings(folder, Repo.ConfigFolder), 300, "contract", "infer", file);

        exit.Should().Be(ExitCodes.Rejected, output);
        output.Trim().Split('\n').Should().ContainSingle();
        output.Should().Contain($"error: {file}: line 3, column 2: ").And.Contain("[quote]").And.NotContain("Jane").And.NotContain("Doe");
    }

    [Fact]
    public async Task ContractInfer_WhenOutExists_ShouldRefuseWithoutForceAndOverwriteWithIt()
    {
        using var folder = new TempFolder();
        var file = folder.Write("chart_vitals_20261201T0600.csv", "VITALPK,WEIGHT_KG\n1,70.5\n2,\n");
        var target = folder.Write("chart_vitals.yml", "hand-written\n");
        var settings = Settings(folder, Repo.ConfigFolder);

        var (refused, refusal) = await TestPipeline.CliAsync(settings, 300, "contract", "infer", file, "--out", target);
        File.ReadAllText(target).Should().Be("hand-written\n");
        var (forced, written) = await TestPipeline.CliAsync(settings, 300, "contract", "infer", file, "--out", target, "--force");

        refused.Should().Be(ExitCodes.UsageOrConfig, refusal);
        refusal.Should().Contain("already exists").And.Contain("--force");
        forced.Should().Be(ExitCodes.Ok, written);
        written.Should().Contain("wrote the contract for chart_vitals (2 columns, 2 rows read)");
        var text = File.ReadAllText(target);
        text.Should().Contain("table: chart_vitals").And.Contain("type: 'decimal(3,1)'").And.Contain("from the file name");
    }

    [Fact]
    public async Task ContractInfer_WhenTableIsGiven_ShouldUseItAndAppearInTheHelp()
    {
        using var folder = new TempFolder();
        var file = folder.Write("export.csv.gz", "");
        using (var gz = new System.IO.Compression.GZipStream(File.Create(file), System.IO.Compression.CompressionLevel.Fastest))
            gz.Write("ID,NAME\n1,a\n"u8);
        var settings = Settings(folder, Repo.ConfigFolder);

        var (exit, output) = await TestPipeline.CliAsync(settings, 300, "contract", "infer", file, "--table", "lab_results");
        var (_, help) = await TestPipeline.CliAsync(settings, 300, "--help");
        var (_, inferHelp) = await TestPipeline.CliAsync(settings, 300, "contract", "infer", "--help");

        exit.Should().Be(0, output);
        output.Should().Contain("table: lab_results").And.Contain("from --table");
        help.Should().Contain("contract");
        inferHelp.Should().Contain("--table").And.Contain("--out").And.Contain("--force");
    }

    private static LocalSettings Settings(TempFolder folder, string config) =>
        new(folder.Combine(".healthdw"), config, folder.Combine("bucket"), null);

    /// <summary>Runs <c>contract infer FILE --out</c> for each file into inferred/contracts/, writes a routes.yml for them, and
    /// loads that folder with the real configuration loader.</summary>
    private static async Task<PipelineConfig> InferAllAsync(TempFolder folder, string config, IEnumerable<(string Name, string Table)> files)
    {
        var settings = Settings(folder, config);
        var routes = new StringBuilder("file_pattern: '^{table}_(?<drop>\\d{8}T\\d{4})(?:_part(?<part>\\d+))?\\.csv(?:\\.gz)?$'\nroutes:\n");
        foreach (var (name, table) in files)
        {
            var target = folder.Combine("inferred", "contracts", $"{table}.yml");
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var (exit, output) = await TestPipeline.CliAsync(settings, 300, "contract", "infer", folder.Combine("drop", name), "--out", target);
            exit.Should().Be(0, output);
            File.ReadAllText(target).Should().Contain($"table: {table} ", "the table comes from the file's route");
            routes.Append("  - table: ").Append(table).Append('\n');
        }

        File.WriteAllText(folder.Combine("inferred", "routes.yml"), routes.ToString());
        return ConfigFolder.Load(folder.Combine("inferred"));
    }

    /// <returns>The rows loaded, by file name.</returns>
    private static async Task<Dictionary<string, long>> LoadAllOnDuckDbAsync(TempFolder folder, PipelineConfig config,
        IEnumerable<(string Name, string Table)> files)
    {
        await using var database = DuckDbDatabase.Open(folder.Combine("warehouse.duckdb"));
        var warehouse = new DuckDbWarehouse(database);
        await warehouse.EnsureSchemaAsync(config, CancellationToken.None);
        var store = new FolderObjectStore(folder.Combine("bucket"));
        var loader = new StagingLoader(warehouse, store, new SystemClock());
        var rows = new Dictionary<string, long>();
        foreach (var (name, table) in files)
        {
            ObjectRef stored;
            await using (var content = File.OpenRead(folder.Combine("drop", name)))
                stored = await store.PutVersionAsync("raw_files/" + name, content, CancellationToken.None);
            var outcome = await loader.LoadAsync(RoutedFile.Of(stored, table, new HealthDw.Core.Pipeline.DropId(DropId), null), config.Contract(table), null, CancellationToken.None);
            outcome.Status.Should().Be(LoadStatus.Loaded, $"{name}: {string.Join("; ", outcome.Problems)}");
            rows[name] = outcome.Rows;
        }

        return rows;
    }

    private static List<string> Leaks(IEnumerable<(string File, string Text)> outputs, IReadOnlyCollection<string> values) =>
        outputs.SelectMany(o => values.Where(v => o.Text.Contains(v, StringComparison.Ordinal)).Select(v => $"{o.File}: {v}")).Take(10).ToList();

    /// <summary>
    /// Every distinct cell of the files, read with the pipeline's own CSV reader, that could identify someone or something:
    /// text of four characters or more; numbers of five digits or more (counts are printed with separators, so a smaller
    /// number may be a count or a length); dates, times and decimals. Left out: the files' column and table names, and the
    /// words the command writes itself (the inference's source) or the configuration holds, which are vocabulary, not data.
    /// </summary>
    private static IEnumerable<string> CellValues(string folder)
    {
        var vocabulary = string.Join("\n", Directory.GetFiles(Path.Combine(Repo.Root, "functions", "HealthDw.Core", "Inference"), "*.cs")
            .Concat(Directory.GetFiles(Repo.ConfigFolder, "*.yml", SearchOption.AllDirectories)).Select(File.ReadAllText));
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var values = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(folder, "*.csv"))
        {
            names.Add(Path.GetFileName(file));
            names.Add(InferredTableName.FromFileName(file));
            using var stream = File.OpenRead(file);
            using var csv = new CsvReader(stream);
            var header = true;
            while (csv.Read() == CsvReadStatus.Record)
            {
                for (var i = 0; i < csv.FieldCount; i++)
                {
                    var cell = Encoding.UTF8.GetString(csv[i]);
                    if (header) { names.Add(cell); continue; }
                    var interesting = cell.Any(char.IsLetter) ? cell.Length >= 4
                        : cell.All(char.IsAsciiDigit) ? cell.Length >= 5
                        : cell.Length >= 4 && cell.Any(char.IsAsciiDigit);
                    if (interesting && !vocabulary.Contains(cell, StringComparison.Ordinal)) values.Add(cell);
                }

                header = false;
            }
        }

        values.RemoveWhere(names.Contains);
        return values;
    }
}
