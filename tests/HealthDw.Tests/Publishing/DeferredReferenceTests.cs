using HealthDw.Tests.Support;

namespace HealthDw.Tests.Publishing;

/// <summary>
/// A reference Load To Staging could not check: the child file arrived before its parent of the same drop, so its check
/// waited. The contract's references are publish checks, so the orphan blocks the publish, and the message names the file
/// and line of the row, never its value.
/// </summary>
[Collection(PostgresCollection.Name)]
public class DeferredReferenceTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Publish_WhenAChildFileArrivedBeforeItsParentWithAnOrphan_ShouldBlockWithFileAndLine()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var drop = Drops.Write(test.Folder.Combine("drop"));
        var address = drop.Files.Single(f => f.Table == "register_address").Name;
        var path = test.Folder.Combine("drop", address);
        var lines = File.ReadAllLines(path);
        var cells = lines[3].Split(',');
        var orphan = new string('9', cells[1].Length); // same length: the manifest's byte count still holds
        cells[1] = orphan;
        lines[3] = string.Join(',', cells);
        File.WriteAllText(path, string.Join("\r\n", lines) + "\r\n");

        var child = await test.CliAsync("drop", path);
        child.Output.Should().Contain("reference checks wait for the rest of the drop", "register_users of this drop is not loaded yet");
        var (exit, output) = await test.CliAsync("drop", test.Folder.Combine("drop"));

        exit.Should().Be(1, output);
        output.Should().Contain("HealthDw.DropBlocked");
        var digest = File.ReadAllLines(Path.Combine(test.Settings.Home, "outbox", "notifications.jsonl")).Last();
        digest.Should().Contain("\"drop_blocked\"")
            .And.Contain("staging.register_address: values in (uid) must exist in staging.register_users (uid) — 1 (fail = 0)")
            .And.Contain($"raw_files/{address} line 4");
        digest.Should().NotContain(orphan, "no cell value reaches a message");
        (await test.ScalarAsync("select count(*) from audit.drop_publications where published")).Should().Be(0);
        (await test.ScalarAsync("select count(*) from information_schema.tables where table_schema = 'analytics'")).Should().Be(0,
            "nothing was published");
    }
}
