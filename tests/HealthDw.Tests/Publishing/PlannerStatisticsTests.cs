using HealthDw.Core.Models;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Publishing;

/// <summary>
/// The publish runs right after the drop's bulk loads, before autovacuum has analysed anything: without statistics the
/// planner guessed nested loops over the models' window subqueries (52 s of a 58 s publish at scale 1). The model runner
/// refreshes them: the staging tables the drop loaded, before the builds; each built table, before what reads it.
/// pg_class.reltuples is -1 until a table is first analysed (PostgreSQL documentation, "pg_class").
/// </summary>
[Collection(PostgresCollection.Name)]
public class PlannerStatisticsTests(PostgresFixture postgres)
{
    private const string Drop = "20261121T0200";

    [Fact]
    public async Task BuildAsync_WhenTheDropLoadedASourceTable_ShouldAnalyzeItAndEveryTableItBuilds()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        await InsertAsync(test, "register_users", "uidpk, uid, ufname, ulname, email, gender, age, usertype, update_at",
            "g, g, 'a', 'b', 'e', 'M', 40, 'patient', timestamp '2026-11-20 00:00'", Drop);
        await InsertAsync(test, "chart_provider", "providerpk, uid, provider_npi, provider_specialty, update_at",
            "g, g, '1234567890', 's', timestamp '2026-11-20 00:00'", "20261120T0200");
        var project = ModelProject.Build([
            ModelParser.Parse("models/stg_users.sql", "{{ config(materialized='view') }}\nselect * from {{ source('staging', 'register_users') }}"),
            ModelParser.Parse("models/dim_users.sql", "{{ config(materialized='table') }}\nselect uid from {{ ref('stg_users') }}"),
            ModelParser.Parse("models/providers.sql", "{{ config(materialized='table') }}\nselect uid from {{ source('staging', 'chart_provider') }}"),
        ], new HashSet<string>(["register_users", "chart_provider"]));
        var target = BuildTarget.ForDrop(Drop, new DateTimeOffset(2026, 11, 21, 2, 0, 0, TimeSpan.Zero));

        await new ModelRunner(test.Pipeline.Sql, test.Pipeline.Dialect).BuildAsync(project, target, null, CancellationToken.None);

        (await ReltuplesAsync(test, "staging.register_users")).Should().Be(3, "the drop loaded it: analysed before the builds");
        (await ReltuplesAsync(test, $"{target.BuildSchema}.dim_users")).Should().Be(3, "a built table is analysed before what reads it");
        (await ReltuplesAsync(test, $"{target.BuildSchema}.providers")).Should().Be(4);
        (await ReltuplesAsync(test, "staging.chart_provider")).Should().Be(-1, "another drop loaded it: its statistics are that drop's business");
    }

    private static async Task InsertAsync(TestPipeline test, string table, string columns, string values, string drop)
    {
        var rows = table == "register_users" ? 3 : 4;
        await using var command = test.DataSource.CreateCommand($"""
            insert into audit.load_ledger (load_id, bucket, object_key, version_token, etag, size_bytes, table_name, drop_id, started_at)
            values ('00000000-0000-0000-0000-00000000000{rows}', 'b', '{table}_{drop}.csv', 'v', 'e', 1, '{table}', '{drop}', now());
            insert into staging.{table} ({columns}, _source_line, _source_key, _source_version, _load_id)
            select {values}, g, '{table}_{drop}.csv', 'v', '00000000-0000-0000-0000-00000000000{rows}' from generate_series(1, {rows}) as g;
            """);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<double> ReltuplesAsync(TestPipeline test, string relation)
    {
        await using var command = test.DataSource.CreateCommand($"select reltuples from pg_class where oid = '{relation}'::regclass");
        return Convert.ToDouble(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
