using HealthDw.Core.Doctor;
using HealthDw.Core.Ports;
using HealthDw.Functions.Steps;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Core.Doctor;

/// <summary>The canary as on AWS, where the upload alone must start the workflow: when nothing picks the file up, the check
/// waits its timeout (on a virtual clock), fails with where to look, and still removes the file.</summary>
[Collection(PostgresCollection.Name)]
public class CanaryCheckTests(PostgresFixture postgres)
{
    private sealed class NobodyListens : IIngestTrigger
    {
        public int Calls { get; private set; }

        public Task IngestAsync(string key, CancellationToken ct)
        {
            Calls++;
            return Task.CompletedTask;
        }
    }

    private sealed class ManualClock : IClock
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 6, 1, 0, 0, TimeSpan.Zero);

        public Guid NewId() => Guid.NewGuid();
    }

    [Fact]
    public async Task RunAsync_WhenNoExecutionPicksTheFileUp_ShouldFailAfterTheTimeoutAndRemoveTheFile()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        var clock = new ManualClock();
        var polls = 0;
        Task Delay(TimeSpan wait, CancellationToken ct)
        {
            polls++;
            clock.Now += wait;
            return Task.CompletedTask;
        }

        var trigger = new NobodyListens();
        var check = new CanaryCheck(test.Pipeline.Store, trigger, test.Pipeline.Sql, clock, Delay,
            new CanaryOptions { Timeout = TimeSpan.FromMinutes(2), PollInterval = TimeSpan.FromSeconds(5), WhereToLook = "the console" });

        var finding = await check.RunAsync(CancellationToken.None);

        finding.Status.Should().Be(DoctorStatus.Fail);
        finding.Detail.Should().Contain("did not reach processed/ within 120 s").And.Contain("still in raw_files/");
        finding.Fix.Should().Contain("the console");
        trigger.Calls.Should().Be(1);
        polls.Should().Be(24, "every 5 s for 2 minutes");
        test.BucketKeys("raw_files").Should().BeEmpty("the canary is removed whatever happened");
    }
}
