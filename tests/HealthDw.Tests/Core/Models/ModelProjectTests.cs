using HealthDw.Cli.Local;
using HealthDw.Hosting.Configuration;
using HealthDw.Core.Configuration;
using HealthDw.Core.Models;
using HealthDw.Core.Publishing;
using HealthDw.Tests.Support;
using HealthDw.Warehouse.Postgres;

namespace HealthDw.Tests.Core.Models;

public class ModelProjectTests
{
    private static readonly HashSet<string> Sources = ["orders"];

    private static Model M(string name, string sql) => ModelParser.Parse($"models/{name}.sql", sql);

    [Fact]
    public void Build_WhenRefsFormAChain_ShouldOrderByDependencyInLevels()
    {
        var project = ModelProject.Build([
            M("c", "select * from {{ ref('a') }} join {{ ref('b') }} on true"),
            M("b", "select * from {{ ref('a') }}"),
            M("a", "select * from {{ source('staging', 'orders') }}"),
            M("d", "select * from {{ ref('a') }}"),
        ], Sources);

        project.Levels.Select(l => l.Select(m => m.Name)).Should().BeEquivalentTo(
            new[] { new[] { "a" }, ["b", "d"], ["c"] }, o => o.WithStrictOrdering());
    }

    [Fact]
    public void Build_WhenModelsFormACycle_ShouldNameItWithTheFileAndLine()
    {
        var act = () => ModelProject.Build([
            M("a", "select 1 from {{ ref('c') }}"),
            M("b", "select 1 from\n{{ ref('a') }}"),
            M("c", "select 1 from {{ ref('b') }}"),
        ], Sources);

        var error = act.Should().Throw<ConfigException>().Which;
        error.Problem.Should().Contain("cycle").And.Contain("a -> c -> b -> a");
        error.File.Should().Be("models/b.sql");
        error.Line.Should().Be(2);
    }

    [Fact]
    public void Build_WhenRefNamesNoModel_ShouldSayWhichModelsExist()
    {
        var act = () => ModelProject.Build([M("a", "select 1\nfrom {{ ref('missing') }}")], Sources);

        var error = act.Should().Throw<ConfigException>().Which;
        error.Line.Should().Be(2);
        error.Problem.Should().Contain("ref('missing') names no model; models are: a");
    }

    [Fact]
    public void Build_WhenSourceIsNoStagingTable_ShouldRefuse()
    {
        var act = () => ModelProject.Build([M("a", "select 1 from {{ source('staging', 'nope') }}")], Sources);

        act.Should().Throw<ConfigException>().Which.Problem.Should().Contain("not a staging table with a contract");
    }

    [Theory]
    [InlineData("select {{ reff('a') }}", "unknown macro 'reff'")]
    [InlineData("select {{ ref('a') }", "never closed")]
    [InlineData("{% if x %}select 1{% endif %}", "unsupported block")]
    [InlineData("{% if is_incremental() %}select 1", "has no '{% endif %}'")]
    [InlineData("{{ config(materialized='incremental') }} select 1", "needs unique_key")]
    [InlineData("{{ config(materialized='ephemeral') }} select 1", "materialized must be")]
    public void Parse_WhenTemplateIsWrong_ShouldExplain(string sql, string message)
    {
        var act = () => ModelParser.Parse("models/x.sql", sql);

        act.Should().Throw<ConfigException>().Which.Problem.Should().Contain(message);
    }

    [Fact]
    public void Render_WhenIncremental_ShouldTakeTheIncrementalBranchAndDialectMacros()
    {
        var model = ModelParser.Parse("models/f.sql", """
            {{ config(materialized='incremental', unique_key='id') }}
            select id, {{ days_between('a', as_of()) }} as age from {{ source('staging', 'orders') }}
            {% if is_incremental() %}where _load_id in {{ drop_loads() }}{% else %}where true{% endif %}
            """);
        var asOf = new DateTimeOffset(2026, 11, 21, 2, 0, 0, TimeSpan.Zero);

        var incremental = ModelRenderer.Render(model, new RenderContext(new PostgresDialect(), "b.f", true, "20261121T0200", asOf));
        var full = ModelRenderer.Render(model, new RenderContext(new PostgresDialect(), "b.f", false, "20261121T0200", asOf));

        incremental.Should().Be("select id, ((timestamp '2026-11-21 02:00:00')::date - (a)::date) as age from staging.orders\n"
            + "where _load_id in (select load_id from audit.load_ledger where drop_id = '20261121T0200')");
        full.Should().EndWith("where true");
        model.Config.Should().BeEquivalentTo(new { Materialized = Materialization.Incremental, UniqueKey = new[] { "id" } });
    }

    [Fact]
    public void Load_WhenShippedConfiguration_ShouldResolveEveryModelAndCheck()
    {
        var (_, analytics) = ConfigFolder.LoadAll(Repo.ConfigFolder);

        analytics.Models.Models.Keys.Should().Contain(["dim_patient", "dim_provider", "dim_location", "dim_date", "dim_code",
            "fact_appointment", "fact_claim", "kpi_visits_per_provider_day", "kpi_no_show_rate", "kpi_new_vs_returning",
            "kpi_billing_by_payer_month", "kpi_denial_rate", "kpi_ar_aging"]);
        analytics.Checks.Should().Contain(c => c.Table == "dim_provider" && c.Name == "row_count between 100 and 10000");
        analytics.Checks.Select(c => c.Table).Should().Contain("staging.register_users");
        analytics.Models.Levels[0].Should().OnlyContain(m => m.Name.StartsWith("stg_", StringComparison.Ordinal) || m.Name == "dim_date");
    }

    [Fact]
    public void Load_WhenCheckNamesUnknownTable_ShouldPointAtTheCheck()
    {
        var pipeline = ConfigFolder.Load(Repo.ConfigFolder);
        var act = () => AnalyticsProject.Load([
            new ConfigFile("models/a.sql", "select 1 as x"),
            new ConfigFile("checks/a.yml", "checks for a:\n  - values in (x) must exist in nowhere (x)\n"),
        ], pipeline);

        var error = act.Should().Throw<ConfigException>().Which;
        error.File.Should().Be("checks/a.yml");
        error.Line.Should().Be(2);
    }
}
