using System.Text;
using HealthDw.Cli.Local;
using HealthDw.Core.Pipeline;
using HealthDw.Functions;
using HealthDw.StateMachine.History;
using HealthDw.StateMachine.Time;
using HealthDw.Tests.Support;
using HealthDw.Functions.Steps;

namespace HealthDw.Tests.Workflow;

/// <summary>
/// A drop with many more files than Load To Staging's reserved concurrency (dev: 2, infra-cdk/stages.json).
/// Each file is its own ingest-file execution, so nothing but the Retry of the definitions stands between a
/// throttled load and error_files/. Lambda refuses a synchronous invoke beyond the reserved concurrency with
/// 429 TooManyRequestsException (Lambda API reference, "Invoke"; Step Functions, "Handle Lambda service
/// exceptions": the error is Lambda.TooManyRequestsException); the local Lambda does the same.
/// <para>
/// The run is simulated on a <see cref="DiscreteEventClock"/>: each load holds its slot for
/// <see cref="LoadTime"/> of simulated time, retry delays pass in simulated time, and the real handlers,
/// PostgreSQL and the folder bucket do the work. No wall-clock time is measured.
/// </para>
/// </summary>
[Collection(PostgresCollection.Name)]
public class ThrottlingTests(PostgresFixture postgres)
{
    private const int Files = 200;

    /// <summary>
    /// Longer than the general retrier's whole budget (2+4+8+16+32 = 62 s at most, about 31 s on average),
    /// so that the old single retrier sends waiting files to error_files/.
    /// </summary>
    private static readonly TimeSpan LoadTime = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The general retrier gives Lambda.TooManyRequestsException 5 retries and at most this long. A file that
    /// waited longer, or retried more, would have gone to error_files/ under it.
    /// </summary>
    private const int GeneralRetries = 5;

    private static readonly TimeSpan GeneralBudget = TimeSpan.FromSeconds(2 + 4 + 8 + 16 + 32);

    /// <summary>A function that holds its slot for a while (simulated time) before doing its real work, and counts how many run at once.</summary>
    private sealed class SlowFunction(DiscreteEventClock clock, StepHandler inner, TimeSpan duration)
    {
        private int _running;
        private int _most;

        public int MostAtOnce => Volatile.Read(ref _most);

        public async Task<byte[]> Handle(ReadOnlyMemory<byte> input, CancellationToken ct)
        {
            var running = Interlocked.Increment(ref _running);
            int most;
            while (running > (most = Volatile.Read(ref _most)) && Interlocked.CompareExchange(ref _most, running, most) != most)
            {
            }
            try
            {
                await clock.DelayAsync(duration, ct);
                return await inner(input, ct);
            }
            finally
            {
                Interlocked.Decrement(ref _running);
            }
        }
    }

    [Fact]
    public async Task Drop_When200FilesMeetLoadToStagingReservedConcurrencyOf2_ShouldLoadEveryFileAndRejectNone()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var reserved = ReservedConcurrency.FromStagesFile(Path.Combine(Repo.Root, "infra-cdk", "stages.json"), "dev");
        reserved.LimitOf(StepHandlerTable.LoadToStaging).Should().Be(2);
        var clock = new DiscreteEventClock(DateTimeOffset.UtcNow);
        var handlers = new Dictionary<string, StepHandler>(test.Pipeline.Steps.Handlers, StringComparer.Ordinal);
        var load = new SlowFunction(clock, handlers[StepHandlerTable.LoadToStaging], LoadTime);
        handlers[StepHandlerTable.LoadToStaging] = load.Handle;
        var lambda = new LocalLambdaInvoker(handlers, reserved);
        var workflow = LocalWorkflow.Create(lambda, test.Settings, clock);
        var runner = new DropRunner(test.Pipeline, workflow);

        // One drop (a timestamp of now, so no file is late) of part files of one table, each a few rows.
        var drop = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmm", System.Globalization.CultureInfo.InvariantCulture);
        var keys = new List<string>();
        for (var part = 1; part <= Files; part++)
        {
            var key = $"{BucketLayout.Raw}chart_code_{drop}_part{part}.csv";
            var csv = $"CODEPK,CODE,CODE_TYPE,DESCRIPTION,UPDATE_AT\n{part * 10 + 1},E11.{part},ICD10,x,2026-11-20 10:00:00\n{part * 10 + 2},9{part:0000},CPT,y,2026-11-20 10:00:00\n";
            await test.Pipeline.Store.PutAsync(key, new MemoryStream(Encoding.UTF8.GetBytes(csv)), CancellationToken.None);
            keys.Add(key);
        }

        // Every file's event arrives at the same instant, as when a drop lands.
        List<Task<IngestOutcome>> runs;
        using (clock.Hold())
        {
            runs = keys.Select(key => Task.Run(() => runner.IngestAsync(key, CancellationToken.None))).ToList();
            var patience = DateTime.UtcNow.AddSeconds(60);
            while (clock.Flows < Files && DateTime.UtcNow < patience && !runs.Any(r => r.IsCompleted))
                await Task.Delay(10);
            clock.Flows.Should().Be(Files, "every execution is under way before time moves");
        }

        var outcomes = await Task.WhenAll(runs).WaitAsync(TimeSpan.FromMinutes(5));
        await workflow.Runner.WaitForAllAsync();

        var notLoaded = outcomes.Where(o => o.Status != StepStatus.Loaded).Select(o => $"{o.Execution}: {o.StatusName} {o.Cause}").ToList();
        notLoaded.Should().HaveCount(0, $"every good file must load, however long it waits for a slot; e.g. {string.Join(" | ", notLoaded.Take(2))}");
        test.BucketKeys("error_files").Should().BeEmpty();
        test.BucketKeys("raw_files").Should().BeEmpty();
        test.BucketKeys("processed").Should().HaveCount(Files);
        (await test.LedgerRowsAsync()).Should().Be(Files);
        (await test.StagingRowsAsync("chart_code")).Should().Be(2 * Files);

        lambda.ThrottledCount(StepHandlerTable.LoadToStaging).Should().BePositive("the drop must actually have been throttled");
        load.MostAtOnce.Should().Be(2, "Lambda never runs more than the reserved concurrency");
        (clock.Now - clock.Start).Should().BeGreaterThanOrEqualTo(LoadTime * (Files / 2), "two slots, each held for the load time");

        var records = await workflow.Store.ListAsync();
        var throttled = records.Select(r => r.Events.Where(e => e.Type == HistoryEventTypes.RetryScheduled
            && (string?)e.Details["error"] == LocalLambdaInvoker.TooManyRequests).ToList()).ToList();
        throttled.Max(t => t.Count).Should().BeGreaterThan(GeneralRetries, "a file retried more often than the general retrier allows");
        throttled.Max(t => t.Sum(e => e.Details["delaySeconds"]!.GetValue<double>())).Should()
            .BeGreaterThan(GeneralBudget.TotalSeconds, "a file waited longer than the general retrier's whole budget");
    }

    /// <summary>
    /// publish-drop has a reserved concurrency of 1 in dev: a second drop ready while the first is publishing is
    /// throttled for as long as that publish runs (minutes), and must publish after it rather than fail.
    /// </summary>
    [Fact]
    public async Task PublishDrop_WhenTwoDropsPublishAtOnceWithReservedConcurrencyOf1_ShouldPublishBoth()
    {
        using var folder = new TempFolder();
        var settings = new LocalSettings(folder.Combine(".healthdw"), Path.Combine(Repo.Root, "warehouse"), folder.Combine("bucket"), null);
        var reserved = ReservedConcurrency.FromStagesFile(Path.Combine(Repo.Root, "infra-cdk", "stages.json"), "dev");
        reserved.LimitOf(StepHandlerTable.PublishDrop).Should().Be(1);
        var clock = new DiscreteEventClock(DateTimeOffset.UtcNow);
        static StepHandler Answer(string json) => (_, _) => Task.FromResult(Encoding.UTF8.GetBytes(json));
        StepHandler unused = (_, _) => throw new InvalidOperationException("publish-drop does not call this function");
        var handlers = new Dictionary<string, StepHandler>(StringComparer.Ordinal)
        {
            [StepHandlerTable.DropStatus] = Answer("""{"complete": true, "overdue": false, "missing": [], "countMismatches": [], "lateFiles": "publish", "publishRunning": false}"""),
            [StepHandlerTable.PublishDrop] = new SlowFunction(clock,
                // One answer for every phase: models built, checks done, totals agreeing, published.
                Answer("""{"done": true, "waitSeconds": 1, "matches": true, "published": true, "summary": "published", "lines": [], "blockers": [], "loadedDuringPublish": 0}"""),
                TimeSpan.FromMinutes(10)).Handle,
            [StepHandlerTable.Notify] = Answer("""{"sent": true}"""),
            [StepHandlerTable.LoadToStaging] = unused,
            [StepHandlerTable.LoadStatus] = unused,
        };
        var lambda = new LocalLambdaInvoker(handlers, reserved);
        var workflow = LocalWorkflow.Create(lambda, settings, clock);

        Task<ExecutionRecord[]> both;
        using (clock.Hold())
        {
            both = Task.WhenAll(new[] { "20261121T0200", "20261121T1400" }.Select(drop => Task.Run(() =>
                workflow.Runner.StartExecutionAsync(LocalWorkflow.PublishDrop, $"drop-{drop}", new System.Text.Json.Nodes.JsonObject { ["dropId"] = drop }))));
            var patience = DateTime.UtcNow.AddSeconds(30);
            while (clock.Flows < 2 && DateTime.UtcNow < patience && !both.IsCompleted)
                await Task.Delay(10);
        }

        var records = await both.WaitAsync(TimeSpan.FromMinutes(2));

        records.Should().OnlyContain(r => r.Status == ExecutionStatus.Succeeded, string.Join(" | ", records.Select(r => $"{r.Name}: {r.Status} {r.Error} {r.Cause}")));
        lambda.ThrottledCount(StepHandlerTable.PublishDrop).Should().BePositive();
        records.Max(r => r.Events.Count(e => e.Type == HistoryEventTypes.RetryScheduled)).Should().BeGreaterThan(GeneralRetries);
    }
}
