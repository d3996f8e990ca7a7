using HealthDw.Core.Loading;
using HealthDw.Tests.Support;

namespace HealthDw.Snowflake.Tests.Behaviour;

/// <summary>
/// The shipped extract end to end on the three warehouses: the same generated drop loaded and published on PostgreSQL, on
/// the Snowflake adapter (SQL API, COPY from the stage, the Snowflake dialect of every model and check, ALTER SCHEMA …
/// SWAP) against the emulator, and on DuckDB (the Appender, the DuckDB dialect, the swap in one transaction). All must
/// publish, and their analytics must agree cell for cell; the generator's eleven broken files must be refused alike.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class WarehouseParityTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Publish_WhenTheSameDropsGoToEveryWarehouse_ShouldPublishTheSameAnalyticsCellForCell()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        using var postgresBucket = new TempFolder("healthdw-parity-pg");
        using var snowflakeBucket = new TempFolder("healthdw-parity-sf");
        using var duckDbBucket = new TempFolder("healthdw-parity-duckdb");
        await using var local = await PostgresWarehouseBehaviour.CreateAsync(postgres, postgresBucket.Path);
        await using var cloud = await SnowflakeWarehouseBehaviour.CreateAsync(postgres, snowflakeBucket.Path);
        await using var embedded = DuckDbWarehouseBehaviour.Create(duckDbBucket.Path);

        var expected = await PublishScenario.RunAsync(local, 0.01, timeout.Token);
        var actual = await PublishScenario.RunAsync(cloud, 0.01, timeout.Token);
        var duckDb = await PublishScenario.RunAsync(embedded, 0.01, timeout.Token);

        foreach (var run in new[] { expected, actual, duckDb })
        {
            run.Loads.Should().OnlyContain(l => l.Status == LoadStatus.Loaded);
            run.Loads.Sum(l => l.Rows).Should().Be(run.GeneratedRows);
            run.Outcome.Published.Should().BeTrue(string.Join("\n", run.Outcome.Blockers));
            run.Outcome.Checks.Should().HaveCount(PublishScenario.Analytics.Checks.Count);
            run.Fingerprint.Keys.Where(k => k.StartsWith("kpi_", StringComparison.Ordinal)).Should().HaveCount(6);
            run.Fingerprint.Values.Should().OnlyContain(rows => rows.Count > 0);
            run.Outcome.Reconciliation.Select(l => (l.Measure, l.Matches, HasControlTotal: l.ManifestTotal is not null))
                .Should().Equal(("appointments", true, true), ("billed_amount", true, true));
        }

        ShouldAgree(expected, actual);
        actual.Outcome.Reconciliation.Should().Equal(expected.Outcome.Reconciliation, "reconciliations.yml's SQL gives the same figures on both warehouses");
        ShouldAgree(expected, duckDb);
        duckDb.Outcome.Reconciliation.Should().Equal(expected.Outcome.Reconciliation, "reconciliations.yml's SQL gives the same figures on DuckDB");

        var expectedFaults = await PublishScenario.LoadFaultsAsync(local, expected.Faults, timeout.Token);
        var actualFaults = await PublishScenario.LoadFaultsAsync(cloud, actual.Faults, timeout.Token);
        var duckDbFaults = await PublishScenario.LoadFaultsAsync(embedded, duckDb.Faults, timeout.Token);

        expectedFaults.Should().HaveCount(11).And.OnlyContain(f => f.Contains(": Rejected ", StringComparison.Ordinal));
        actualFaults.Should().Equal(expectedFaults, "every broken file is refused for the same rule at the same place on every warehouse");
        duckDbFaults.Should().Equal(expectedFaults, "every broken file is refused for the same rule at the same place on every warehouse");

        var expectedCorrection = await PublishScenario.CorrectAsync(local, timeout.Token);
        var actualCorrection = await PublishScenario.CorrectAsync(cloud, timeout.Token);
        var duckDbCorrection = await PublishScenario.CorrectAsync(embedded, timeout.Token);

        foreach (var run in new[] { expectedCorrection, actualCorrection, duckDbCorrection })
        {
            run.Loads.Single().Should().BeEquivalentTo(new { Status = LoadStatus.Loaded, Rows = 5L });
            run.Outcome.Published.Should().BeTrue(string.Join("\n", run.Outcome.Blockers));
        }

        expectedCorrection.Fingerprint["kpi_denial_rate"].Should().NotEqual(expected.Fingerprint["kpi_denial_rate"], "five claims were denied");
        expectedCorrection.Fingerprint["fact_claim"].Should().HaveCount(expected.Fingerprint["fact_claim"].Count, "the correction merges, it adds no claim")
            .And.NotEqual(expected.Fingerprint["fact_claim"], "five claims changed");
        ShouldAgree(expectedCorrection, actualCorrection);
        ShouldAgree(expectedCorrection, duckDbCorrection);
    }

    private static void ShouldAgree(PublishScenario.Result expected, PublishScenario.Result actual)
    {
        actual.Outcome.Checks.Select(c => (c.Check.Name, c.Outcome, c.Value))
            .Should().Equal(expected.Outcome.Checks.Select(c => (c.Check.Name, c.Outcome, c.Value)));
        actual.Fingerprint.Keys.Should().Equal(expected.Fingerprint.Keys);
        foreach (var (relation, rows) in expected.Fingerprint)
            actual.Fingerprint[relation].Should().Equal(rows, "{0} must read the same on both warehouses", relation);
    }
}
