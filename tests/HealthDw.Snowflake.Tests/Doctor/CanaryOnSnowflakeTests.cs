using HealthDw.Core.Doctor;
using HealthDw.Core.Loading;
using HealthDw.Core.Pipeline;
using HealthDw.Core.Ports;
using HealthDw.Snowflake.Tests.Behaviour;
using HealthDw.Snowflake.Tests.Support;
using HealthDw.Tests.Support;

namespace HealthDw.Snowflake.Tests.Doctor;

/// <summary>The doctor's canary on the Snowflake adapter as it runs on AWS: the canary's contract loads through the external
/// stage (COPY INTO ... FROM @stage, emulated), and the canary's own SQL (its counts, then removing its rows, ledger row and
/// any rejection) runs on the Snowflake schema through the SQL API.</summary>
[Collection(PostgresCollection.Name)]
public sealed class CanaryOnSnowflakeTests(PostgresFixture postgres)
{
    /// <summary>Stands for the workflow's Route File, Load To Staging and Archive File steps on the canary.</summary>
    private sealed class StageLoadAndArchive(WarehouseUnderTest under) : IIngestTrigger
    {
        public LoadStatus? Status { get; private set; }

        public async Task IngestAsync(string key, CancellationToken ct)
        {
            var route = ShippedConfig.Pipeline.Routes.Resolve(key);
            var head = await under.Store.HeadAsync(key, ct) ?? throw new FileNotFoundException(key);
            var outcome = await under.Loader.LoadAsync(RoutedFile.Of(head, route.Table!, new DropId(route.DropId!), route.Part), ShippedConfig.Contract(route.Table!), null, ct);
            Status = outcome.Status;
            if (outcome.Status == LoadStatus.Loaded)
                await under.Store.MoveAsync(head, BucketLayout.ProcessedKey(route.DropId, route.FileName), ct);
        }
    }

    private sealed class Clock : IClock
    {
        public DateTimeOffset Now => SnowflakeHarness.Start;

        public Guid NewId() => Guid.NewGuid();
    }

    [Fact]
    public async Task RunAsync_OnTheSnowflakeAdapter_ShouldLoadTheCanaryThroughTheStageAndThenRemoveEveryTraceOfIt()
    {
        using var folder = new TempFolder();
        await using var under = await SnowflakeWarehouseBehaviour.CreateAsync(postgres, folder.Combine("bucket"));
        await under.Warehouse.EnsureSchemaAsync(ShippedConfig.Pipeline, default);
        var trigger = new StageLoadAndArchive(under);
        var check = new CanaryCheck(under.Store, trigger, under.Sql, new Clock(), (_, _) => Task.CompletedTask, new CanaryOptions { Timeout = TimeSpan.Zero });

        var finding = await check.RunAsync(default);

        trigger.Status.Should().Be(LoadStatus.Loaded);
        finding.Status.Should().Be(DoctorStatus.Ok, finding.Detail);
        finding.Detail.Should().Contain($"{CanaryFile.Rows} rows loaded");
        (await under.Sql.QueryAsync($"select count(*) from staging.{CanaryFile.Table}", default)).Single()[0].Should().Be(0L);
        (await under.Sql.QueryAsync("select count(*) from audit.load_ledger", default)).Single()[0].Should().Be(0L);
        Directory.GetFiles(folder.Combine("bucket"), "*", SearchOption.AllDirectories).Should().BeEmpty();
    }
}
