using System.IO.Compression;
using System.Text;
using System.Text.Json;
using HealthDw.Cli.Local;
using HealthDw.Core.Configuration;
using HealthDw.Hosting.Configuration;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Cli;

/// <summary>
/// Issue 15, item 2: <c>healthdw profile TABLE | FILE</c>. Expected figures are computed here from the generated file with
/// this test's own CSV reading, not with the profiler's; the PHI scan looks for every cell of every <c>phi: true</c> column
/// (the pattern of <see cref="HealthDw.Tests.Workflow.NoPhiTests"/>) in everything profile and report print.
/// </summary>
[Collection(PostgresSecondCollection.Name)]
public class ProfileCommandTests(PostgresFixture postgres)
{
    private sealed record Expected(long Rows, Dictionary<string, (long Nulls, long Distinct, long? MinLength, long? MaxLength)> Columns);

    [Fact]
    public async Task Profile_WhenGivenAFileAndItsGzipCopy_ShouldCountExactlyWhatAnIndependentReadOfTheFileCounts()
    {
        using var folder = new TempFolder();
        var drop = Drops.Write(folder.Combine("drop"));
        var settings = new LocalSettings(folder.Combine(".healthdw"), TestConfig.SmallDrops, folder.Combine("bucket"), null);
        foreach (var table in new[] { "register_users", "chart_appointment", "billing_claim" })
        {
            var path = folder.Combine("drop", drop.Files.First(f => f.Table == table).Name);
            var expected = Count(File.ReadAllText(path, Encoding.UTF8));
            var gzip = folder.Combine(Path.GetFileName(path) + ".gz");
            await using (var target = new GZipStream(File.Create(gzip), CompressionLevel.Fastest))
            await using (var source = File.OpenRead(path))
                await source.CopyToAsync(target);

            foreach (var file in new[] { path, gzip })
            {
                var (exit, output) = await TestPipeline.CliAsync(settings, 200, "profile", file, "--json");

                exit.Should().Be(0, output);
                Matches(JsonDocument.Parse(output).RootElement, expected, table);
            }
        }
    }

    [Fact]
    public async Task Profile_WhenATableIsLoadedInPostgres_ShouldMatchTheCountsOfItsFile()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var drop = Drops.Write(test.Folder.Combine("drop"));
        (await test.CliAsync("drop", test.Folder.Combine("drop"))).Exit.Should().Be(0);

        await TablesMatchFilesAsync(test.Settings, test.Folder.Combine("drop"), drop);
    }

    [Fact]
    public async Task Profile_WhenATableIsLoadedInDuckDb_ShouldMatchTheCountsOfItsFile()
    {
        using var folder = new TempFolder();
        var settings = LocalSettings.WithWarehouse(
            new LocalSettings(folder.Combine(".healthdw"), TestConfig.SmallDrops, folder.Combine("bucket"), null), "duckdb");
        var drop = Drops.Write(folder.Combine("drop"));
        (await TestPipeline.CliAsync(settings, 200, "drop", folder.Combine("drop"))).Exit.Should().Be(0);

        await TablesMatchFilesAsync(settings, folder.Combine("drop"), drop);
    }

    [Fact]
    public async Task Profile_WithAndWithoutShowValues_ShouldNeverPrintACellOfAPhiColumnAndShowOtherValuesOnlyWhenAsked()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var drop = Drops.Write(test.Folder.Combine("drop"));
        (await test.CliAsync("drop", test.Folder.Combine("drop"))).Exit.Should().Be(0);
        var config = ConfigFolder.Load(test.Settings.ConfigFolder);

        var outputs = new List<(string Where, string Text)>();
        async Task Run(params string[] args)
        {
            var (exit, output) = await test.CliAsync(args);
            exit.Should().Be(0, output);
            outputs.Add((string.Join(' ', args), output));
        }

        foreach (var table in config.Contracts.Keys)
        {
            await Run("profile", table);
            await Run("profile", table, "--show-values");
            await Run("profile", table, "--show-values", "--json");
        }

        foreach (var file in drop.Files)
        {
            await Run("profile", test.Folder.Combine("drop", file.Name));
            await Run("profile", test.Folder.Combine("drop", file.Name), "--show-values", "--json");
        }

        await Run("profile", "dim_patient", "--show-values");
        await Run("profile", "analytics.dim_provider", "--show-values", "--json");
        await Run("report", "--out", test.Folder.Combine("report.html"));
        outputs.Add(("report.html", File.ReadAllText(test.Folder.Combine("report.html"))));

        var phiValues = PhiCellValues(test.Folder.Combine("drop"), config).ToList();
        phiValues.Count.Should().BeGreaterThan(200, "the scan must have something to look for");
        var leaks = outputs.SelectMany(o => phiValues.Where(v => o.Text.Contains(v, StringComparison.Ordinal)).Select(v => $"{o.Where}: {v}")).Take(10);
        leaks.Should().BeEmpty();

        // The flag does something, and hiding is what keeps the names out: with values, the non-phi USERTYPE shows its
        // top values, while UFNAME (names repeat, so they would rank) says it is hidden.
        var shown = outputs.Single(o => o.Where == "profile register_users --show-values").Text;
        shown.Should().Contain("patient (").And.Contain("phi: hidden");
        outputs.Single(o => o.Where == "profile register_users").Text.Should().NotContain("patient (").And.NotContain("phi: hidden");
        var json = JsonDocument.Parse(outputs.Single(o => o.Where == "profile register_users --show-values --json").Text).RootElement;
        var ufname = json.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "UFNAME");
        (ufname.GetProperty("phi").GetBoolean(), ufname.TryGetProperty("topValues", out _)).Should().Be((true, false));
        var updated = json.GetProperty("columns").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "UPDATE_AT");
        updated.GetProperty("min").GetString().Should().MatchRegex(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$");
        outputs.Single(o => o.Where == "report.html").Text.Should().Contain("<h2>Staging tables</h2>").And.Contain("<td class=\"txt\">register_users</td>");
    }

    [Fact]
    public async Task Profile_WhenAFileRoutesToNoContract_ShouldNameColumnsByPositionAndShowNoValue()
    {
        using var folder = new TempFolder();
        var settings = new LocalSettings(folder.Combine(".healthdw"), TestConfig.SmallDrops, folder.Combine("bucket"), null);
        // Without a contract the first line may be data (a file sent without its header): not even it is shown.
        var file = folder.Write("mystery_export.csv", "Lovelace,Augusta\nHopper,Grace\nHopper,Grace\n");

        var (exit, output) = await TestPipeline.CliAsync(settings, 200, "profile", file, "--show-values");

        exit.Should().Be(0, output);
        output.Should().Contain("column 1").And.Contain("column 2").And.Contain("no contract: hidden").And.Contain("2 rows");
        output.Should().NotContain("Lovelace").And.NotContain("Augusta").And.NotContain("Hopper").And.NotContain("Grace");
    }

    [Fact]
    public async Task Profile_WhenTheTargetIsNeitherAFileNorARelation_ShouldExitTwoNamingTheTables()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);

        var (exit, output) = await test.CliAsync("profile", "no_such_table");

        exit.Should().Be(2, output);
        output.Should().Contain("'no_such_table' is no file and no relation in the warehouse").And.Contain("register_users");
        output.Should().NotContain("   at ", "no stack trace");
    }

    /// <summary>Every cell of a <c>phi: true</c> column in the generated files that could identify a person: the rule of
    /// <see cref="HealthDw.Tests.Workflow.NoPhiTests.CellValues"/> (text of four characters or more, numbers of seven
    /// digits or more), less the words the configuration itself uses and the cells that a column not marked phi holds
    /// too (a patient's city that is also a clinic's city is shown as the clinic's).</summary>
    private static IEnumerable<string> PhiCellValues(string dropFolder, PipelineConfig config)
    {
        var vocabulary = string.Join("\n", Directory.GetFiles(Repo.ConfigFolder, "*", SearchOption.AllDirectories).Select(File.ReadAllText));
        var values = new HashSet<string>(StringComparer.Ordinal);
        var notPhi = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(dropFolder, "*.csv"))
        {
            if (config.Routes.Resolve(Path.GetFileName(file)).Table is not { } table) continue;
            var rows = Rows(File.ReadAllText(file, Encoding.UTF8));
            var phi = rows[0].Select(name => config.Contract(table).Find(name)?.Phi == true).ToArray();
            foreach (var row in rows.Skip(1))
            {
                for (var i = 0; i < row.Length; i++)
                {
                    var cell = row[i];
                    var interesting = cell.All(char.IsAsciiDigit) ? cell.Length >= 7 : cell.Length >= 4 && cell.Any(char.IsLetter);
                    if (!phi[i]) notPhi.Add(cell);
                    else if (interesting && !vocabulary.Contains(cell, StringComparison.Ordinal)) values.Add(cell);
                }
            }
        }

        values.ExceptWith(notPhi);
        return values;
    }

    private static async Task TablesMatchFilesAsync(LocalSettings settings, string dropFolder, HealthDw.Generator.GeneratedDrop drop)
    {
        foreach (var table in new[] { "register_users", "register_location" })
        {
            var files = drop.Files.Where(f => f.Table == table).ToList();
            files.Should().HaveCount(1, "one file per table keeps the expected figures simple");
            var expected = Count(File.ReadAllText(Path.Combine(dropFolder, files[0].Name), Encoding.UTF8));

            var (exit, output) = await TestPipeline.CliAsync(settings, 200, "profile", table, "--json");

            exit.Should().Be(0, output);
            Matches(JsonDocument.Parse(output).RootElement, expected, table);
        }
    }

    private static void Matches(JsonElement profile, Expected expected, string table)
    {
        profile.GetProperty("rows").GetInt64().Should().Be(expected.Rows, table);
        var columns = profile.GetProperty("columns").EnumerateArray().ToDictionary(
            c => c.GetProperty("name").GetString()!,
            c => (c.GetProperty("nulls").GetInt64(), c.GetProperty("distinct").GetInt64(), Length(c, "minLength"), Length(c, "maxLength")));
        columns.Should().BeEquivalentTo(expected.Columns, table);
        profile.GetProperty("columns").EnumerateArray().Where(c => c.TryGetProperty("min", out var _)).Should().BeEmpty("values were not asked for");
    }

    private static long? Length(JsonElement column, string name) =>
        column.GetProperty(name).ValueKind == JsonValueKind.Null ? null : column.GetProperty(name).GetInt64();

    /// <summary>Rows, and per column: empty cells, distinct non-empty cells, and the shortest and longest cell in characters.</summary>
    private static Expected Count(string text)
    {
        var rows = Rows(text);
        var columns = new Dictionary<string, (long, long, long?, long?)>();
        for (var i = 0; i < rows[0].Length; i++)
        {
            var cells = rows.Skip(1).Select(r => r[i]).ToList();
            var present = cells.Where(c => c.Length > 0).ToList();
            long? Chars(Func<IEnumerable<int>, int> pick) => present.Count == 0 ? null : pick(present.Select(c => c.EnumerateRunes().Count()));
            columns[rows[0][i]] = (cells.Count - present.Count, present.Distinct(StringComparer.Ordinal).Count(), Chars(Enumerable.Min), Chars(Enumerable.Max));
        }

        return new Expected(rows.Count - 1, columns);
    }

    /// <summary>RFC 4180 as the generator writes it: comma, double quotes with doubled quotes inside, CRLF or LF.</summary>
    private static List<string[]> Rows(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (ch == '"') quoted = false;
                else cell.Append(ch);
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { row.Add(cell.ToString()); cell.Clear(); }
            else if (ch is '\r' or '\n')
            {
                if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add(row.ToArray());
                row.Clear();
            }
            else cell.Append(ch);
        }

        if (cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            rows.Add(row.ToArray());
        }

        return rows;
    }
}
