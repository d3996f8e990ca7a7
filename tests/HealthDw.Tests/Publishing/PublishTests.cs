using HealthDw.Core.Models;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Publishing;

/// <summary>Write-audit-publish over three drops: a clean one, one with duplicate NPIs (blocked), and a correction with changes (merged).</summary>
[Collection(PostgresSecondCollection.Name)]
public class PublishTests(PostgresFixture postgres)
{
    private const string Drop1 = "20261121T0200";
    private const string Drop2 = "20261121T1900";
    private const string Drop3 = "20261122T0200";

    [Fact]
    public async Task Publish_OverThreeDrops_ShouldPublishBlockAndMergeAsTheChecksSay()
    {
        await using var test = await TestPipeline.CreateAsync(postgres, Repo.ConfigFolder);
        var drop = Drops.Write(test.Folder.Combine("d1"), scale: 0.5);
        (await test.CliAsync("drop", test.Folder.Combine("d1"))).Exit.Should().Be(0);

        // Drop 1: clean, published.
        var (exit, output) = await test.CliAsync("publish", Drop1);
        exit.Should().Be(0, output);
        output.Should().Contain($"published drop {Drop1}");
        (await test.ScalarAsync("select count(*) from analytics.fact_appointment")).Should().Be(drop.Files.Where(f => f.Table == "chart_appointment").Sum(f => f.Rows));
        (await test.ScalarAsync("select count(*) from analytics.dim_provider")).Should().Be(100);
        var before = await AppointmentAsync(test, 7);

        // Drop 2, with its manifest: the vendor re-sends one provider with another's NPI, and one appointment whose
        // provider is a patient. The load accepts both (they are well-formed); the checks do not, so nothing is published.
        var providers = File.ReadAllLines(test.Folder.Combine("d1", drop.Files.Single(f => f.Table == "chart_provider").Name));
        var npiOfRow1 = providers[1].Split(',')[2];
        var changed = providers[2].Split(',');
        changed[2] = npiOfRow1;
        changed[^1] = "2026-11-21 18:00:00";
        var appointments = File.ReadAllLines(test.Folder.Combine("d1", drop.Files.First(f => f.Table == "chart_appointment").Name));
        var patientUid = File.ReadAllLines(test.Folder.Combine("d1", drop.Files.Single(f => f.Table == "register_users").Name))
            .Skip(1).Select(l => l.Split(',')).First(c => c[7] == "patient")[1];
        var orphan = appointments[3].Split(',');
        orphan[2] = patientUid;
        orphan[^1] = "2026-11-21 18:00:00";
        test.Folder.Write($"d2/chart_provider_{Drop2}.csv", providers[0] + "\r\n" + string.Join(',', changed) + "\r\n");
        test.Folder.Write($"d2/chart_appointment_{Drop2}.csv", appointments[0] + "\r\n" + string.Join(',', orphan) + "\r\n");
        test.Folder.Write($"d2/_manifest_{Drop2}.json", $$"""
            {"drop": "{{Drop2}}", "files": [
              {"name": "chart_provider_{{Drop2}}.csv", "table": "chart_provider", "part": null, "rows": 1, "bytes": 0},
              {"name": "chart_appointment_{{Drop2}}.csv", "table": "chart_appointment", "part": null, "rows": 1, "bytes": 0}]}
            """);

        (exit, output) = await test.CliAsync("drop", test.Folder.Combine("d2"));

        exit.Should().Be(1, output);
        output.Should().Contain($"drop-{Drop2}").And.Contain("HealthDw.DropBlocked");
        var digest = File.ReadAllLines(Path.Combine(test.Settings.Home, "outbox", "notifications.jsonl")).Last();
        digest.Should().Contain("\"drop_blocked\"")
            .And.Contain("FAIL dim_provider: duplicate_count(provider_npi) = 0 — 1 (fail = 0)")
            .And.Contain("FAIL fact_appointment: missing_count(provider_pk) = 0 — 1 (fail = 0)");
        digest.Should().NotContain(npiOfRow1).And.NotContain(patientUid, "no cell value reaches a message");
        (await test.ScalarAsync("select count(distinct provider_npi) from analytics.dim_provider")).Should().Be(100, "yesterday's analytics stay as they were");
        (await test.ScalarAsync("select count(*) from analytics.fact_appointment where provider_pk is null")).Should().Be(0);
        (await test.ScalarAsync("select count(*) from information_schema.schemata where schema_name like 'build_%'")).Should().Be(0);
        (await test.ScalarAsync("select count(*) from audit.drop_publications where not published")).Should().Be(1);
        (await test.ScalarAsync($"select count(*) from audit.check_results where drop_id = '{Drop2}' and outcome = 'fail'")).Should().Be(2);
        (await test.ScalarAsync($"""
            select count(*) from audit.check_results where drop_id = '{Drop2}' and check_name = 'duplicate_count(provider_npi) = 0'
              and cardinality(failed_rows) = 2 and failed_rows[1] like 'provider_pk=%'
            """)).Should().Be(1, "the failing rows are sampled by key, never by value");

        // Drop 3: the provider corrected, and two appointments changed: merged, the rest untouched.
        string Cancel(string line)
        {
            var cells = line.Split(',');
            cells[6] = "cancelled";
            cells[^1] = "2026-11-22 01:00:00";
            return string.Join(',', cells);
        }

        var fixedProvider = providers[2].Split(',');
        fixedProvider[^1] = "2026-11-22 01:00:00";
        test.Folder.Write($"d3/chart_provider_{Drop3}.csv", providers[0] + "\r\n" + string.Join(',', fixedProvider) + "\r\n");
        var repaired = appointments[3].Split(',');
        repaired[^1] = "2026-11-22 01:00:00";
        test.Folder.Write($"d3/chart_appointment_{Drop3}.csv",
            string.Join("\r\n", appointments[0], Cancel(appointments[1]), Cancel(appointments[2]), string.Join(',', repaired)) + "\r\n");
        (await test.CliAsync("drop", test.Folder.Combine("d3"))).Exit.Should().Be(0);

        var outcome = await test.Pipeline.Publisher.PublishAsync(Drop3, new DateTimeOffset(2026, 11, 22, 2, 0, 0, TimeSpan.Zero), null, null, CancellationToken.None);

        outcome.Published.Should().BeTrue(string.Join("; ", outcome.Blockers));
        outcome.Models.Single(m => m.Model == "fact_appointment").Should().BeEquivalentTo(new { Merged = true, Materialized = Materialization.Incremental });
        (await test.ScalarAsync("select count(*) from analytics.fact_appointment where status = 'cancelled' and update_at = '2026-11-22 01:00:00'")).Should().Be(2);
        (await test.ScalarAsync("select count(*) from analytics.fact_appointment where provider_pk is null")).Should().Be(0);
        (await test.ScalarAsync("select count(*) from analytics.fact_appointment")).Should().Be(drop.Files.Where(f => f.Table == "chart_appointment").Sum(f => f.Rows));
        (await AppointmentAsync(test, 7)).Should().Be(before, "an appointment the drop did not change keeps its row");
        (await test.ScalarAsync("select count(distinct provider_npi) from analytics.dim_provider")).Should().Be(100);
    }

    private static async Task<string> AppointmentAsync(TestPipeline test, long key)
    {
        await using var command = test.DataSource.CreateCommand(
            $"select concat_ws('|', appointment_pk, patient_uid, provider_pk, status, update_at) from analytics.fact_appointment where appointment_pk = {key}");
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
