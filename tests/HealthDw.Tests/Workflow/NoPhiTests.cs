using System.Text;
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
