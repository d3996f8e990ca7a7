using HealthDw.Core.Configuration;
using HealthDw.Core.Publishing;
using HealthDw.Hosting.Configuration;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Core.Configuration;

/// <summary>
/// Issue 12, item 5: reconciliation measures are configuration (reconciliations.yml), read like every other config file:
/// a mistake is a <see cref="ConfigException"/> with the file, line and column, found at load time (an unknown model
/// among them), not at the first publish.
/// </summary>
public sealed class ReconciliationParserTests
{
    private static readonly string[] Models = ["fact_claim", "stg_billing__claim"];
    private static readonly HashSet<string> Staging = new(StringComparer.Ordinal) { "billing_claim" };

    private static IReadOnlyList<ReconciliationMeasure> Parse(string yaml) =>
        ReconciliationParser.Parse(new ConfigFile(ReconciliationParser.FileName, yaml), Models, Staging);

    private static ConfigException Refused(string yaml) =>
        ((Func<IReadOnlyList<ReconciliationMeasure>>)(() => Parse(yaml))).Should().Throw<ConfigException>().Which;

    [Fact]
    public void Load_WhenTheShippedFolderIsRead_ShouldHoldTodaysTwoMeasuresWithTheirManifestControlTotals()
    {
        var (_, analytics) = ConfigFolder.LoadAll(Repo.ConfigFolder);

        analytics.Reconciliations.Select(m => (m.Name, m.ControlTotal?.Key)).Should().Equal(("appointments", "appointments"), ("billed_amount", "billed_amount"));
        analytics.Reconciliations.Should().OnlyContain(m => m.Tolerance == ReconciliationTolerance.Exact && m.File == "reconciliations.yml");
    }

    [Fact]
    public void Load_WhenTheFolderHasNoReconciliationsFile_ShouldHaveNoMeasures()
    {
        var pipeline = ConfigFolder.Load(Repo.ConfigFolder);

        AnalyticsProject.Load([new ConfigFile("models/a.sql", "select 1 as x")], pipeline).Reconciliations.Should().BeEmpty();
    }

    [Fact]
    public void Load_WhenAMeasureRefsAModelTheFolderDoesNotHave_ShouldStopAtTheFileLineAndColumn()
    {
        var pipeline = ConfigFolder.Load(Repo.ConfigFolder);
        var act = () => AnalyticsProject.Load([
            new ConfigFile("models/a.sql", "select 1 as x"),
            new ConfigFile("reconciliations.yml", "reconciliations:\n  - name: visits\n    staging: select count(*) from {{ ref('stg_chart__appointment') }}\n    analytics: select 1\n"),
        ], pipeline);

        var error = act.Should().Throw<ConfigException>().Which;
        error.File.Should().Be("reconciliations.yml");
        (error.Line, error.Column).Should().Be((3, 35));
        error.Problem.Should().Contain("ref('stg_chart__appointment') names no model; models are: a");
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("# none yet\n", 0)]
    [InlineData("reconciliations:\n", 0)]
    [InlineData("reconciliations: []\n", 0)]
    [InlineData("reconciliations:\n  - name: billed\n    staging: select 1\n    analytics: select 1\n", 1)]
    public void Parse_WhenTheFileHasNoEntriesOrSome_ShouldReadThem(string yaml, int count) => Parse(yaml).Should().HaveCount(count);

    [Fact]
    public void Parse_WhenAMeasureIsComplete_ShouldReadItsQueriesToleranceAndControlTotal()
    {
        var measure = Parse("""
            reconciliations:
              - name: billed_amount
                staging: select coalesce(sum(billed_amount), 0) from {{ ref('stg_billing__claim') }}
                analytics: select coalesce(sum(billed_amount), 0) from {{ ref('fact_claim') }}
                tolerance: { absolute: 0.01, relative: 1e-9 }
                control_total:
                  manifest: billed
                  drop: |
                    select coalesce(sum(billed_amount), 0) from {{ source('staging', 'billing_claim') }}
                    where _load_id in {{ drop_loads() }}
            """).Single();

        measure.Should().BeEquivalentTo(new { Name = "billed_amount", File = "reconciliations.yml", Line = 2, Tolerance = new ReconciliationTolerance(0.01m, 0.000000001m) });
        measure.ControlTotal!.Key.Should().Be("billed");
    }

    [Theory]
    [InlineData("reconciliations:\n  - name: a\n    staging: select 1\n    analytics: |\n      select count(*)\n      from {{ ref('nope') }}\n", 6, 12, "ref('nope') names no model")]
    [InlineData("reconciliations:\n  - name: a\n    staging: \"select {{ source('staging', 'nope') }}\"\n    analytics: select 1\n", 3, 22, "source('staging', 'nope') is not a staging table with a contract")]
    [InlineData("reconciliations:\n  - name: a\n    staging: select {{ this }}\n    analytics: select 1\n", 3, 21, "unknown macro 'this'")]
    [InlineData("reconciliations:\n  - name: a\n    staging: select {{ ref('fact_claim') \n    analytics: select 1\n", 3, 21, "is never closed")]
    [InlineData("reconciliations:\n  - name: a\n    staging: select 1 {% if is_incremental() %} {% endif %}\n    analytics: select 1\n", 3, 14, "no {% if is_incremental() %} block")]
    [InlineData("reconciliations:\n  - name: a\n    staging: select 1\n    analytics: select 1\n    tolerence: { absolute: 1 }\n", 5, 5, "unknown key 'tolerence'")]
    [InlineData("reconciliations:\n  - name: a\n    staging: select 1\n    analytics: select 1\n    tolerance: { relative: 5% }\n", 5, 28, "'relative' must be a number")]
    [InlineData("reconciliations:\n  - name: a\n    staging: select 1\n    analytics: select 1\n    tolerance: { relative: 2 }\n", 5, 28, "must be below 1")]
    [InlineData("reconciliations:\n  - name: a\n    staging: select 1\n    analytics: select 1\n    tolerance: { absolute: -1 }\n", 5, 28, "'absolute' must be a number of 0 or more")]
    [InlineData("reconciliations:\n  - name: a\n    staging: select 1\n", 2, 5, "missing required key 'analytics'")]
    [InlineData("reconciliations:\n  - name: Billed Amount\n    staging: select 1\n    analytics: select 1\n", 2, 11, "is not a measure name")]
    [InlineData("reconciliations:\n  - name: a\n    staging: select 1\n    analytics: select 1\n  - name: a\n    staging: select 1\n    analytics: select 1\n", 5, 11, "measure 'a' is already defined at line 2")]
    [InlineData("reconciliations:\n  - name: a\n    staging: select 1\n    analytics: select 1\n    control_total: { drop: select 1 }\n", 5, 20, "missing required key 'manifest'")]
    [InlineData("reconciliations:\n  - name: a\n    staging: select 1\n    analytics: select 1\n    control_total: { manifest: x, drop: select 1 }\n"
                + "  - name: b\n    staging: select 1\n    analytics: select 1\n    control_total: { manifest: x, drop: select 1 }\n", 9, 32, "control total 'x' is already reconciled at line 5")]
    [InlineData("measures:\n  - name: a\n", 1, 1, "unknown key 'measures'")]
    public void Parse_WhenAnEntryIsWrong_ShouldStopAtItsLineAndColumn(string yaml, int line, int column, string problem)
    {
        var error = Refused(yaml);

        error.File.Should().Be("reconciliations.yml");
        error.Problem.Should().Contain(problem);
        (error.Line, error.Column).Should().Be((line, column), error.Message);
    }
}
