using HealthDw.Core.Checks;
using HealthDw.Core.Configuration;
using HealthDw.Tests.Support;
using HealthDw.Warehouse.Postgres;
using Npgsql;

namespace HealthDw.Tests.Core.Checks;

/// <summary>Every check type compiled and run against a real PostgreSQL, on data whose answers are known.</summary>
[Collection(PostgresCollection.Name)]
public class CheckRunnerTests(PostgresFixture postgres)
{
    private static readonly DateTimeOffset AsOf = new(2026, 11, 21, 2, 0, 0, TimeSpan.Zero);

    // 6 people: one missing email, one age out of range, one duplicated npi pair, one orphan clinic.
    private const string Setup = """
        create schema t;
        create table t.people (id bigint, npi varchar(10), email text, age integer, status text, clinic_id bigint, updated timestamp, amount numeric(12,2));
        insert into t.people values
          (1, '1000000001', 'a@x.org', 30, 'active',  1, '2026-11-20 10:00', 10.00),
          (2, '1000000002', null,      45, 'active',  1, '2026-11-20 11:00', 20.00),
          (3, '1000000003', 'c@x.org', 17, 'retired', 2, '2026-11-19 09:00', 30.00),
          (4, '1000000003', 'd@x.org', 60, 'active',  2, '2026-11-18 09:00', 40.00),
          (5, '99',         'e@x.org', 70, 'gone',    9, '2026-11-17 09:00', 50.00),
          (6, '1000000006', 'N/A',     80, 'active',  null, '2026-11-16 09:00', -5.00);
        create table t.clinics (id bigint, name text);
        insert into t.clinics values (1, 'North'), (2, 'South');
        """;

    /// <param name="overPhi">Marks every check as over a phi column, as a project whose contract says so would.</param>
    private async Task<IReadOnlyList<CheckResult>> RunAsync(string yaml, bool overPhi = false)
    {
        var connection = await postgres.CreateDatabaseAsync();
        await using var source = NpgsqlDataSource.Create(connection);
        await using (var setup = source.CreateCommand(Setup)) await setup.ExecuteNonQueryAsync();
        var checks = CheckParser.Parse(new ConfigFile("checks/t.yml", yaml)).Select(c => c with { OverPhi = overPhi }).ToList();
        return await new CheckRunner(new PostgresSqlRunner(source), new PostgresDialect()).RunAsync(checks, table => $"t.{table}", AsOf, CancellationToken.None);
    }

    /// <summary>A table whose only checks are references (the compiled contract references on a staging table no file of the
    /// drop has filled yet): every metric is a scalar subquery, and the query must still answer one row, also for no rows.</summary>
    [Theory]
    [InlineData("delete from t.people", 0.0)]
    [InlineData("select 1", 1.0)]
    public async Task Run_WhenATableHasOnlyReferenceChecks_ShouldAnswerOneResultAlsoWhenItIsEmpty(string change, double orphans)
    {
        var connection = await postgres.CreateDatabaseAsync();
        await using var source = NpgsqlDataSource.Create(connection);
        await using (var setup = source.CreateCommand(Setup + ";\n" + change)) await setup.ExecuteNonQueryAsync();
        var checks = CheckParser.Parse(new ConfigFile("checks/t.yml", """
            checks for people:
              - values in (clinic_id) must exist in clinics (id)
            """));

        var results = await new CheckRunner(new PostgresSqlRunner(source), new PostgresDialect()).RunAsync(checks, table => $"t.{table}", AsOf, CancellationToken.None);

        results.Should().ContainSingle().Which.Value.Should().Be(orphans);
    }

    private static object Outcomes(IReadOnlyList<CheckResult> results) =>
        results.Select(r => (r.Check.Name, r.Outcome, r.Value)).ToList();

    [Fact]
    public async Task Run_WhenEveryMetricType_ShouldMeasureTheKnownValues()
    {
        var results = await RunAsync("""
            checks for people:
              - row_count = 6
              - row_count between 1 and 5
              - missing_count(email) = 0
              - missing_count(email) = 0:
                  missing values: [N/A]
              - missing_percent(email) < 20 %
              - invalid_count(age) = 0:
                  valid min: 18
                  valid max: 65
              - invalid_percent(status) < 10 %:
                  valid values: [active, retired]
              - invalid_count(npi) = 0:
                  valid regex: '^[0-9]{10}$'
              - invalid_count(npi) = 0:
                  valid length: 10
              - duplicate_count(npi) = 0
              - duplicate_count(id, npi) = 0
              - duplicate_percent(npi) < 50
              - min(amount) >= 0
              - max(age) <= 80
              - avg(age) between 40 and 50
              - sum(amount) = 145
              - freshness(updated) < 12h
              - freshness(updated) < 2d
              - values in (clinic_id) must exist in clinics (id)
              - row_count same as clinics
            """);

        var expected = new (string Name, CheckOutcome Outcome, double Value)[]
        {
            ("row_count = 6", CheckOutcome.Pass, 6.0),
            ("row_count between 1 and 5", CheckOutcome.Fail, 6.0),
            ("missing_count(email) = 0", CheckOutcome.Fail, 1.0),
            ("missing_count(email) = 0", CheckOutcome.Fail, 2.0),
            ("missing_percent(email) < 20 %", CheckOutcome.Pass, 100.0 / 6),
            ("invalid_count(age) = 0", CheckOutcome.Fail, 3.0),
            ("invalid_percent(status) < 10 %", CheckOutcome.Fail, 100.0 / 6),
            ("invalid_count(npi) = 0", CheckOutcome.Fail, 1.0),
            ("invalid_count(npi) = 0", CheckOutcome.Fail, 1.0),
            ("duplicate_count(npi) = 0", CheckOutcome.Fail, 1.0),
            ("duplicate_count(id, npi) = 0", CheckOutcome.Pass, 0.0),
            ("duplicate_percent(npi) < 50", CheckOutcome.Pass, 100.0 / 6),
            ("min(amount) >= 0", CheckOutcome.Fail, -5.0),
            ("max(age) <= 80", CheckOutcome.Pass, 80.0),
            ("avg(age) between 40 and 50", CheckOutcome.Fail, 302.0 / 6),
            ("sum(amount) = 145", CheckOutcome.Pass, 145.0),
            ("freshness(updated) < 12h", CheckOutcome.Fail, 15.0),
            ("freshness(updated) < 2d", CheckOutcome.Pass, 15.0),
            ("values in (clinic_id) must exist in clinics (id)", CheckOutcome.Fail, 1.0),
            ("row_count same as clinics", CheckOutcome.Fail, 4.0),
        };

        results.Select(r => (r.Check.Name, r.Outcome)).Should().Equal(expected.Select(e => (e.Name, e.Outcome)));
        results.Zip(expected).Should().OnlyContain(p => Math.Abs(p.First.Value!.Value - p.Second.Value) < 1e-9);
    }

    /// <summary>Issue 15: min, max, avg, sum and freshness of a phi column are cell values (or give one back). The result keeps
    /// the outcome and the threshold as configured, never the value; counts over the same column stay visible.</summary>
    [Fact]
    public async Task Run_WhenACellValuedMetricIsOverAPhiColumn_ShouldKeepTheOutcomeAndThresholdButNotTheValue()
    {
        const string yaml = """
            checks for people:
              - min(age) >= 18
              - max(age):
                  warn: when > 75
              - avg(age) between 40 and 50
              - sum(age) > 0
              - freshness(updated) < 12h
              - missing_count(email) = 0
            """;

        var hidden = await RunAsync(yaml, overPhi: true);
        var shown = await RunAsync(yaml);

        hidden.Select(r => r.Outcome).Should().Equal(CheckOutcome.Fail, CheckOutcome.Warn, CheckOutcome.Fail, CheckOutcome.Pass, CheckOutcome.Fail, CheckOutcome.Fail);
        shown.Select(r => r.Outcome).Should().Equal(hidden.Select(r => r.Outcome), "hiding the value does not change the verdict");
        hidden.Take(5).Should().OnlyContain(r => r.Value == null && r.Detail.StartsWith(CheckRunner.HiddenValue, StringComparison.Ordinal));
        hidden.Select(r => r.Detail).Take(5).Should().Equal(
            "value hidden (phi column) (fail >= 18)",
            "value hidden (phi column) (warn when > 75)",
            "value hidden (phi column) (fail between 40 and 50)",
            "value hidden (phi column) (passed: fail > 0)",
            "value hidden (phi column) (fail < 12h)");
        foreach (var cell in new[] { "17", "80", "50.3333", "302", "15 hours" })
            hidden.Should().NotContain(r => r.Detail.Contains(cell, StringComparison.Ordinal), $"{cell} is a value of the phi column");
        hidden[5].Should().Match<CheckResult>(r => r.Value == 1.0 && r.Detail == "1 (fail = 0)", "a count is not a cell value");
        shown.Select(r => r.Value!.Value).Should().Equal([17.0, 80.0, 302.0 / 6, 302.0, 15.0, 1.0], (a, e) => Math.Abs(a - e) < 1e-9);
    }

    /// <summary>A text column's max is a cell: the check fails on the column's type, and says so without quoting it (a number
    /// parser's error would).</summary>
    [Fact]
    public async Task Run_WhenMinOrMaxIsOverATextColumn_ShouldFailWithoutQuotingACell()
    {
        var results = await RunAsync("""
            checks for people:
              - max(email) < 10
              - min(status) < 10
            """);

        results.Select(r => r.Outcome).Should().Equal(CheckOutcome.Fail, CheckOutcome.Fail);
        results.Select(r => r.Detail).Should().Equal(
            "email is text, not a number or a date: max measures numbers and dates",
            "status is text, not a number or a date: min measures numbers and dates");
    }

    [Fact]
    public async Task Run_WhenAlertBlocks_ShouldWarnOrFailByLevel()
    {
        var results = await RunAsync("""
            checks for people:
              - missing_count(email):
                  warn: when > 0
                  fail: when > 3
              - missing_count(email):
                  warn: when > 5
                  fail: when >= 1
              - row_count:
                  warn: when not between 1 and 10
              - duplicate_count(npi):
                  name: NPIs are unique
                  fail: when > 0
            """);

        results.Select(r => (r.Check.Name, r.Outcome)).Should().Equal(
            ("missing_count(email)", CheckOutcome.Warn),
            ("missing_count(email)", CheckOutcome.Fail),
            ("row_count", CheckOutcome.Pass),
            ("NPIs are unique", CheckOutcome.Fail));
    }

    [Fact]
    public async Task Run_WhenSchemaCheck_ShouldReportMissingForbiddenAndWrongTypes()
    {
        var results = await RunAsync("""
            checks for people:
              - schema:
                  fail:
                    when required column missing: [id, ssn]
                    when forbidden column present: [email]
                    when wrong column type:
                      age: bigint
                      npi: varchar
                  warn:
                    when wrong column type:
                      updated: timestamp
            checks for clinics:
              - schema:
                  warn:
                    when required column missing: [id, name]
            """);

        results[0].Outcome.Should().Be(CheckOutcome.Fail);
        results[0].Detail.Should().Be("required column ssn missing; forbidden column email present; column age is integer, expected bigint");
        results[1].Outcome.Should().Be(CheckOutcome.Pass);
    }

    [Fact]
    public async Task Run_WhenManyChecksOnOneTable_ShouldCompileToOneQuery()
    {
        var checks = CheckParser.Parse(new ConfigFile("c.yml", """
            checks for people:
              - row_count > 0
              - missing_count(email) = 0
              - duplicate_count(npi) = 0
              - values in (clinic_id) must exist in clinics (id)
            """));

        var compiled = CheckCompiler.Compile("people", checks, t => $"t.{t}", new PostgresDialect());

        compiled.Sql.Split("from t.people\n").Length.Should().Be(1, "the outer query reads the table once");
        compiled.Sql.Should().StartWith("select").And.EndWith("from t.people");
        compiled.Metrics.Should().HaveCount(4);
    }
}
