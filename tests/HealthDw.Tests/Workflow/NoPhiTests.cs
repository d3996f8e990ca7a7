using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HealthDw.Core.Checks;
using HealthDw.Core.Ports;
using HealthDw.Generator;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Workflow;

/// <summary>
/// PHI stays in the warehouse: after a drop and every fault variant go through the workflow (with a
/// Slack webhook configured), no generated cell value appears in Slack payloads, the outbox, error
/// reports, the execution history or the audit tables.
/// </summary>
[Collection(PostgresSecondCollection.Name)]
public class NoPhiTests(PostgresFixture postgres)
{
    private sealed class WebhookSecret(string url) : ISecrets
    {
        public Task<string> GetAsync(string secretId, CancellationToken ct) =>
            secretId == HealthDw.Cli.Local.LocalPipeline.SlackWebhookSecret ? Task.FromResult(url) : throw new SecretNotFoundException(secretId, "test");
    }

    [Fact]
    public async Task Workflow_AfterADropAndEveryFault_ShouldLeaveNoCellValueOutsideTheWarehouse()
    {
        await using var slack = new WebhookListener();
        await using var test = await TestPipeline.CreateAsync(postgres, secrets: new WebhookSecret(slack.Url));
        var drop = Drops.Write(test.Folder.Combine("drop"), faults: true);
        foreach (var file in test.Runner.Expand([test.Folder.Combine("drop")])) await test.Runner.DropAsync(file, null, CancellationToken.None);
        foreach (var fault in drop.Faults) await test.Runner.DropAsync(test.Folder.Combine("drop", fault.RelativePath), null, CancellationToken.None);
        foreach (var hostile in HeaderVariants(test.Folder.Combine("drop"), drop)) await test.Runner.DropAsync(hostile, null, CancellationToken.None);
        await test.Workflow.Runner.WaitForAllAsync();

        var texts = new List<(string Where, string Text)>();
        texts.AddRange(slack.Bodies.Select((b, i) => ($"slack message {i + 1}", b)));
        texts.AddRange(Files(Path.Combine(test.Settings.Home, "outbox")));
        texts.AddRange(Files(Path.Combine(test.Settings.Home, "executions")));
        texts.AddRange(Files(test.BucketFile("error_files")).Where(f => f.Where.EndsWith(".error.json", StringComparison.Ordinal)));
        texts.Add(("audit tables", await AuditTextAsync(test)));
        var values = CellValues(test.Folder.Combine("drop")).ToList();

        slack.Bodies.Should().Contain(b => b.Contains("drop_published", StringComparison.Ordinal) || b.Contains("published", StringComparison.Ordinal));
        slack.Bodies.Should().Contain(b => b.Contains("rejected", StringComparison.Ordinal));
        values.Count.Should().BeGreaterThan(1000, "the scan must have something to look for");
        var leaks = texts.SelectMany(t => values.Where(v => t.Text.Contains(v, StringComparison.Ordinal)).Select(v => $"{t.Where}: {v}")).Take(10).ToList();
        leaks.Should().BeEmpty();
        var reports = string.Join("\n", texts.Where(t => t.Where.EndsWith(".error.json", StringComparison.Ordinal)).Select(t => t.Text));
        foreach (var rule in new[] { Rules.MissingHeader, Rules.ExtraColumn, Rules.DuplicateColumn, Rules.ColumnOrder, Rules.MissingColumn })
            reports.Should().Contain($"\"{rule}\"", "every problem that is about the header row was raised");
    }

    /// <summary>Issue 15: a check whose metric is a cell value (max, sum, freshness) over a phi column runs through the
    /// publish-drop workflow; its value is in the warehouse and nowhere else: not in the execution history
    /// (<c>executions show --json</c>), Slack, the outbox, <c>checks run</c> or the report. Each such check is still shown,
    /// with its outcome and threshold; the same metric over a column that is not phi shows its value. The checks live in
    /// this test's copy of the configuration, not in the shipped one.</summary>
    [Fact]
    public async Task Workflow_WhenACheckMeasuresACellOfAPhiColumn_ShouldShowItsOutcomeButTheValueNowhere()
    {
        using var config = new TempFolder("healthdw-phi-checks");
        var warehouse = TestConfig.CopyTo(config.Path);
        File.WriteAllText(Path.Combine(warehouse, "checks", "phi_values.yml"), """
            checks for staging.register_users:
              - max(age):
                  warn: when >= 1
              - sum(age):
                  warn: when >= 1
              - max(uid):
                  warn: when >= 1
            checks for dim_patient:
              - max(age):
                  warn: when >= 1
              - freshness(update_at):
                  warn: when > 1m
            checks for dim_code:
              - max(code_pk):
                  warn: when >= 1
            """);
        await using var slack = new WebhookListener();
        await using var test = await TestPipeline.CreateAsync(postgres, warehouse, secrets: new WebhookSecret(slack.Url));
        Drops.Write(test.Folder.Combine("drop"));
        foreach (var file in test.Runner.Expand([test.Folder.Combine("drop")])) await test.Runner.DropAsync(file, null, CancellationToken.None);
        await test.Workflow.Runner.WaitForAllAsync();

        var (_, history) = await test.CliAsync("executions", "show", $"drop-{Drops.DropId}", "--json");
        var (_, checks) = await TestPipeline.CliAsync(test.Settings, 1000, "checks", "run");
        var (_, report) = await test.CliAsync("report", "--out", test.Folder.Combine("report.html"));
        var texts = new List<(string Where, string Text)>
        {
            ("executions show --json", history), ("checks run", checks), ("report", report), ("report.html", File.ReadAllText(test.Folder.Combine("report.html"))),
        };
        texts.AddRange(slack.Bodies.Select((b, i) => ($"slack message {i + 1}", b)));
        texts.AddRange(Files(Path.Combine(test.Settings.Home, "outbox")));
        var hidden = new Dictionary<string, string[]>
        {
            ["max(age)"] = [await CellAsync(test, "select max(age) from staging.register_users"), await CellAsync(test, "select max(age) from analytics.dim_patient")],
            ["sum(age)"] = [await CellAsync(test, "select sum(age) from staging.register_users")],
        };
        var maxUid = await CellAsync(test, "select max(uid) from staging.register_users");
        var maxCode = await CellAsync(test, "select max(code_pk) from analytics.dim_code");

        history.Should().Contain("max(age)", "the checks ran in the workflow");
        var segments = texts.SelectMany(t => Segments(t.Text).Select(s => (t.Where, Text: s))).ToList();
        foreach (var (check, values) in hidden)
        {
            var about = segments.Where(s => s.Text.Contains(check, StringComparison.Ordinal)).ToList();
            about.Should().Contain(s => s.Text.Contains(CheckRunner.HiddenValue, StringComparison.Ordinal) && s.Where.StartsWith("slack", StringComparison.Ordinal),
                $"the digest still names {check}, its outcome and threshold");
            about.Should().Contain(s => s.Where == "checks run" && s.Text.Contains("warn", StringComparison.Ordinal) && s.Text.Contains(CheckRunner.HiddenValue, StringComparison.Ordinal));
            foreach (var value in values)
                about.Where(s => Regex.IsMatch(s.Text, $@"(?<![\d.]){Regex.Escape(value)}(?![\d])")).Select(s => $"{s.Where}: {s.Text}")
                    .Should().BeEmpty($"{value} is the {check} of a phi column");
        }

        segments.Where(s => s.Text.Contains("freshness(update_at)", StringComparison.Ordinal) && s.Text.Contains("hours old", StringComparison.Ordinal))
            .Select(s => $"{s.Where}: {s.Text}").Should().BeEmpty("dim_patient reads register_users, so its latest update_at is a phi column's cell");
        string.Join("\n", segments.Where(s => s.Where.StartsWith("slack", StringComparison.Ordinal)).Select(s => s.Text)).Should().Contain($"max(uid) — {maxUid} (warn when", "uid is not phi: its max is shown")
            .And.Contain($"max(code_pk) — {maxCode} (warn when", "dim_code reads no phi column");
        checks.Should().Contain(maxUid).And.Contain(maxCode);
        // max(uid) is shown by design (uid is an id the contract does not mark phi); every other cell is looked for.
        var cells = CellValues(test.Folder.Combine("drop")).Where(v => !maxUid.Contains(v, StringComparison.Ordinal)).ToList();
        texts.Where(t => !t.Where.StartsWith("report", StringComparison.Ordinal))
            .SelectMany(t => cells.Where(v => t.Text.Contains(v, StringComparison.Ordinal)).Select(v => $"{t.Where}: {v}")).Take(10).Should().BeEmpty();
    }

    private static async Task<string> CellAsync(TestPipeline test, string sql)
    {
        await using var command = test.DataSource.CreateCommand(sql);
        var value = await command.ExecuteScalarAsync();
        value.Should().NotBeNull(sql);
        return Convert.ToString(value, CultureInfo.InvariantCulture)!;
    }

    /// <summary>What a person reads as one statement: each line of a text, each string of a JSON document, and each JSON object
    /// with its own fields (a check's verdict: its name, value and detail together).</summary>
    private static IEnumerable<string> Segments(string text)
    {
        JsonNode? json = null;
        try
        {
            json = JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON: a terminal's or a page's lines.
        }

        if (json is null) return text.Split('\n');
        var segments = new List<string>();
        void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    segments.Add(string.Join(" ", o.Where(p => p.Value is JsonValue).Select(p => $"{p.Key}={p.Value!.ToJsonString()}")));
                    foreach (var (_, child) in o) Walk(child);
                    break;
                case JsonArray a:
                    foreach (var child in a) Walk(child);
                    break;
                case JsonValue v when v.TryGetValue<string>(out var s):
                    segments.AddRange(s.Split('\n'));
                    foreach (var inner in s.TrimStart().StartsWith('{') || s.TrimStart().StartsWith('[') ? Segments(s) : []) segments.Add(inner);
                    break;
            }
        }

        Walk(json);
        return segments;
    }

    /// <summary>Issue 12, item 0: files whose first line is not (only) the contract's column names, so that every problem about
    /// the header sees a row of data where the names should be: the register_users file without its header row (vendors
    /// forget it), and with data cells among the names, twice, and with its columns out of order. Written beside the drop
    /// (one folder each, under the real name), from the drop's own rows, whose values the scan looks for.</summary>
    private static IEnumerable<string> HeaderVariants(string dropFolder, GeneratedDrop drop)
    {
        var real = drop.Files.First(f => f.Table == "register_users");
        var lines = File.ReadAllLines(Path.Combine(dropFolder, real.Name), Encoding.UTF8);
        var header = lines[0].Split(',');
        var plain = lines.Skip(1).Where(l => !l.Contains('"', StringComparison.Ordinal)).Take(20).ToList();
        var row = plain[0].Split(',');
        int first = Array.IndexOf(header, "UFNAME"), last = Array.IndexOf(header, "ULNAME");
        first.Should().BeGreaterThan(0);
        last.Should().BeGreaterThan(0);

        string[] WithHeader(params (int At, string Text)[] cells)
        {
            var names = (string[])header.Clone();
            foreach (var (at, text) in cells) names[at] = text;
            return [string.Join(',', names), .. plain];
        }

        string Swapped(string line)
        {
            var cells = line.Split(',');
            (cells[first], cells[last]) = (cells[last], cells[first]);
            return string.Join(',', cells);
        }

        var variants = new Dictionary<string, string[]>
        {
            ["missing_header"] = lines.Skip(1).ToArray(),
            ["data_in_header"] = WithHeader((first, row[first]), (last, row[last])),
            ["data_twice_in_header"] = WithHeader((first, row[first]), (last, row[first])),
            ["known_name_twice"] = WithHeader((last, "UFNAME")),
            ["column_order"] = [Swapped(lines[0]), .. plain.Select(Swapped)],
        };
        foreach (var (name, content) in variants)
        {
            var path = Path.Combine(dropFolder, "header_variants", name, real.Name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, string.Join("\r\n", content) + "\r\n");
            yield return path;
        }
    }

    private static IEnumerable<(string Where, string Text)> Files(string folder) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(f => (f, File.ReadAllText(f)))
            : [];

    private static async Task<string> AuditTextAsync(TestPipeline test)
    {
        var text = new StringBuilder();
        foreach (var sql in new[]
                 {
                     "select string_agg(first_problem || ' ' || object_key, '\n') from audit.file_rejections",
                     "select string_agg(check_name || ' ' || detail || ' ' || threshold, '\n') from audit.check_results",
                     "select string_agg(blockers, '\n') from audit.drop_publications",
                 })
        {
            await using var command = test.DataSource.CreateCommand(sql);
            text.AppendLine(await command.ExecuteScalarAsync() as string);
        }

        return text.ToString();
    }

    /// <summary>Every distinct cell of every generated file (faults included) that could identify a person:
    /// text of four characters or more, and numbers of seven digits or more (ids, NPIs). Words that the
    /// configuration itself uses (status values, code types) are vocabulary, not data.</summary>
    internal static IEnumerable<string> CellValues(string dropFolder)
    {
        var vocabulary = string.Join("\n", Directory.GetFiles(Repo.ConfigFolder, "*", SearchOption.AllDirectories).Select(File.ReadAllText));
        var values = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(dropFolder, "*.csv", SearchOption.AllDirectories))
        {
            foreach (var line in File.ReadLines(file, Encoding.UTF8).Skip(1))
            {
                foreach (var raw in line.Split(',', ';'))
                {
                    var cell = raw.Trim('"', ' ');
                    var interesting = cell.All(char.IsAsciiDigit) ? cell.Length >= 7 : cell.Length >= 4 && cell.Any(char.IsLetter);
                    if (interesting && !vocabulary.Contains(cell, StringComparison.Ordinal)) values.Add(cell);
                }
            }
        }

        return values;
    }
}
