using HealthDw.Core.Configuration;
using HealthDw.Core.Models;
using HealthDw.Hosting.Configuration;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Core.Models;

/// <summary>Issue 15, item 3: the lineage a model declares for <c>healthdw trace</c> (<c>trace=[...]</c> in its config) is
/// read with the model and checked against the graph at start-up, so a trace never follows a ref the model does not read
/// or silently leaves one out.</summary>
public class ModelTraceConfigTests
{
    private static readonly HashSet<string> Sources = ["orders", "customers"];

    private static Model M(string name, string sql) => ModelParser.Parse($"models/{name}.sql", sql);

    private static readonly Model Orders = M("stg_orders", "select * from {{ source('staging', 'orders') }}");
    private static readonly Model Customers = M("stg_customers", "select * from {{ source('staging', 'customers') }}");

    [Fact]
    public void Parse_WhenTraceIsDeclared_ShouldReadEachUpstreamAndItsPredicate()
    {
        var model = M("fact_order", """
            {{ config(materialized='table', unique_key='order_pk',
                      trace=["stg_orders: up.id = row.order_pk and up.status in ('open', 'closed')",
                             "staging.customers: up.id = row.customer_id"]) }}
            select o.id as order_pk, c.id as customer_id from {{ ref('stg_orders') }} as o
            join {{ source('staging', 'customers') }} as c on c.id = o.customer_id
            """);

        model.Config.Trace.Select(t => (t.Upstream, t.Predicate, t.IsSource)).Should().Equal(
            ("stg_orders", "up.id = row.order_pk and up.status in ('open', 'closed')", false),
            ("staging.customers", "up.id = row.customer_id", true));
        ModelProject.Build([model, Orders], Sources).Models.Should().ContainKey("fact_order");
    }

    [Fact]
    public void Build_WhenTraceNamesARelationTheModelDoesNotRead_ShouldRefuseWithTheFileAndLine()
    {
        var model = M("fact_order", "select 1\n{{ config(materialized='table', unique_key='id', trace=['stg_customers: up.id = row.id']) }}\nfrom {{ ref('stg_orders') }}");

        var act = () => ModelProject.Build([model, Orders, Customers], Sources);

        var error = act.Should().Throw<ConfigException>().Which;
        (error.File, error.Line).Should().Be(("models/fact_order.sql", 2));
        error.Problem.Should().Be("trace names 'stg_customers', which fact_order does not read; it reads: stg_orders");
    }

    [Fact]
    public void Build_WhenTraceLeavesOutARefTheModelReads_ShouldNameIt()
    {
        var model = M("fact_order", "{{ config(materialized='table', unique_key='id', trace=['stg_orders: up.id = row.id']) }}\n"
            + "select 1 from {{ ref('stg_orders') }} join {{ ref('stg_customers') }} on true");

        var act = () => ModelProject.Build([model, Orders, Customers], Sources);

        act.Should().Throw<ConfigException>().Which.Problem.Should().StartWith("trace has no entry for 'stg_customers', which fact_order reads");
    }

    [Theory]
    [InlineData("{{ config(materialized='table', trace=['stg_orders: up.id = row.id']) }} select 1", "needs unique_key")]
    [InlineData("{{ config(unique_key='id', trace=['up.id = row.id']) }} select 1", "cannot read trace entry")]
    [InlineData("{{ config(unique_key='id', trace=['stg_orders: row.id = 1']) }} select 1", "cannot read trace entry")]
    public void Parse_WhenTraceIsWrittenWrongly_ShouldExplain(string sql, string message)
    {
        var act = () => ModelParser.Parse("models/x.sql", sql);

        act.Should().Throw<ConfigException>().Which.Problem.Should().Contain(message);
    }

    [Fact]
    public void Load_WhenShippedConfiguration_ShouldDeclareLineageForEveryModelThatReadsAnotherAndAKeyForEveryMart()
    {
        var (_, analytics) = ConfigFolder.LoadAll(Repo.ConfigFolder);

        var marts = analytics.Models.Models.Values.Where(m => !m.Name.StartsWith("stg_", StringComparison.Ordinal)).ToList();
        marts.Should().HaveCountGreaterThan(10);
        marts.Should().OnlyContain(m => m.Config.UniqueKey.Count > 0);
        marts.Where(m => m.Refs.Count > 0).Should().OnlyContain(m => m.Config.Trace.Count > 0);
    }
}
