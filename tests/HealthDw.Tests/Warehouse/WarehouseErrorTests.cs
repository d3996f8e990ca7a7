using HealthDw.Core.Models;
using HealthDw.Core.Ports;
using HealthDw.Core.Publishing;
using HealthDw.Core.Sql;
using HealthDw.Tests.Support;
using HealthDw.Warehouse.Postgres;

namespace HealthDw.Tests.Warehouse;

/// <summary>A model or check the warehouse refuses: the error names what ran and never the data it choked on.</summary>
[Collection(PostgresCollection.Name)]
public class WarehouseErrorTests(PostgresFixture postgres)
{
    [Fact]
    public async Task QueryAsync_WhenACellFailsACast_ShouldNameTheRuleButNotTheValue()
    {
        await using var warehouse = PostgresWarehouse.Connect(await postgres.CreateDatabaseAsync());
        var sql = new PostgresSqlRunner(warehouse.DataSource);

        var act = () => sql.QueryAsync("select cast(surname as integer) from (values ('Hill')) as patients(surname)", default);

        var error = (await act.Should().ThrowAsync<WarehouseSqlException>()).Which;
        error.SqlState.Should().Be("22P02");
        error.Message.Should().Contain("invalid input syntax for type integer").And.NotContain("Hill");
        error.InnerException.Should().BeNull("the driver's exception quotes the value");
    }

    [Theory]
    [InlineData("select cast(s as integer) from (values ('Smith \"Bob\" Jones')) as p(s)", "22P02")]
    [InlineData("do $$ begin raise exception 'patient Hill: %', 'Hill'; end $$", "P0001")]
    [InlineData("create temp table u (n text unique); insert into u values ('Hill'); insert into u values ('Hill')", "23505")]
    public async Task QueryAsync_WhenTheMessageCouldQuoteData_ShouldKeepNoneOfIt(string sql, string sqlState)
    {
        await using var warehouse = PostgresWarehouse.Connect(await postgres.CreateDatabaseAsync());
        var sql2 = new PostgresSqlRunner(warehouse.DataSource);

        var act = () => sql2.ExecuteAsync([sql], atomic: false, default);

        var error = (await act.Should().ThrowAsync<WarehouseSqlException>()).Which;
        error.SqlState.Should().Be(sqlState);
        error.Message.Should().NotContain("Hill").And.NotContain("Bob").And.NotContain("Smith");
    }

    [Fact]
    public async Task ExecuteAsync_WhenAColumnIsMisspelt_ShouldKeepItsNameAndPostgresHint()
    {
        await using var warehouse = PostgresWarehouse.Connect(await postgres.CreateDatabaseAsync());
        var sql = new PostgresSqlRunner(warehouse.DataSource);

        var act = () => sql.ExecuteAsync(["create table t as select weight_kgg from (values (70.5)) as v(weight_kg)"], atomic: true, default);

        var error = (await act.Should().ThrowAsync<WarehouseSqlException>()).Which;
        error.SqlState.Should().Be("42703");
        error.Message.Should().Contain("column \"weight_kgg\" does not exist").And.Contain("hint").And.Contain("weight_kg");
    }

    [Fact]
    public async Task PublishAsync_WhenAModelFailsOnTheData_ShouldNameTheModelDropTheBuildAndLeaveAnalyticsAlone()
    {
        await using var warehouse = PostgresWarehouse.Connect(await postgres.CreateDatabaseAsync());
        var sql = new PostgresSqlRunner(warehouse.DataSource);
        // The ledger is part of every warehouse: the model runner reads from it which staging tables the drop loaded.
        await sql.ExecuteAsync(["create schema staging", "create schema analytics", "create table staging.users (surname text)",
            "insert into staging.users values ('Hill')", "create schema audit", "create table audit.load_ledger (load_id uuid, table_name text, drop_id text)",
            "insert into audit.load_ledger values (gen_random_uuid(), 'users', '20261121T0200')"], atomic: true, default);
        var models = ModelProject.Build([
            ModelParser.Parse("models/dim_user.sql", "{{ config(materialized='table') }}\nselect cast(surname as integer) as n from {{ source('staging', 'users') }}"),
        ], new HashSet<string> { "users" });
        var project = new AnalyticsProject(models, [], new Dictionary<string, IReadOnlyList<string>>());
        var publisher = new DropPublisher(project, sql, new PostgresDialect(), new BackgroundStatementRunner(sql), new PostgresCheckHistory(warehouse.DataSource), new SystemClock());

        var act = () => publisher.PublishAsync("20261121T0200", DateTimeOffset.UtcNow, null, null, default);

        var error = (await act.Should().ThrowAsync<WarehouseSqlException>()).Which;
        error.Message.Should().StartWith("model dim_user (models/dim_user.sql): the warehouse refused the SQL (22P02)").And.NotContain("Hill");
        (await sql.QueryAsync("select count(*) from information_schema.schemata where schema_name like 'build_%'", default))[0][0]
            .Should().Be(0L, "a build that cannot finish is dropped");
    }
}
