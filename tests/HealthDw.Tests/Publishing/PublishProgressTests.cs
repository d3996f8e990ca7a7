using HealthDw.Core.Checks;
using HealthDw.Core.Drops;
using HealthDw.Core.Publishing;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Publishing;

/// <summary>The model runner and the check runner say what they do as they do it, through a typed progress event.</summary>
[Collection(PostgresSecondCollection.Name)]
public class PublishProgressTests(PostgresFixture postgres)
{
    [Fact]
    public async Task PublishAsync_WhenGivenAProgress_ShouldReportEachModelStartedThenBuiltAndEachCheckOnceInOrder()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        Drops.Write(test.Folder.Combine("drop"));
        (await test.CliAsync("drop", test.Folder.Combine("drop"))).Exit.Should().Be(0);
        var events = new List<PublishProgress>();
        var p = test.Pipeline;
        var publisher = new DropPublisher(p.Analytics, p.Sql, p.Dialect, p.Statements, new NoHistory(), p.Clock, new Collect(events));

        var outcome = await publisher.PublishAsync(Drops.DropId, new HealthDw.Core.Pipeline.DropId(Drops.DropId).Time!.Value, null, null, CancellationToken.None);

        var models = p.Analytics.Models.Models.Keys.ToList();
        foreach (var model in models)
        {
            var started = events.FindIndex(e => e is { Kind: PublishProgressKind.ModelStarted } && e.Name == model);
            var built = events.FindIndex(e => e is { Kind: PublishProgressKind.ModelBuilt } && e.Name == model);
            started.Should().BeGreaterThanOrEqualTo(0, model);
            built.Should().BeGreaterThan(started, model);
        }

        events.Where(e => e.Kind == PublishProgressKind.ModelBuilt).Select(e => e.Done).Order().Should().Equal(Enumerable.Range(1, models.Count));
        events.Where(e => e.Kind is PublishProgressKind.ModelStarted or PublishProgressKind.ModelBuilt).Should().OnlyContain(e => e.Total == models.Count);
        var checks = events.Where(e => e.Kind == PublishProgressKind.CheckEvaluated).ToList();
        checks.Select(e => e.Done).Should().Equal(Enumerable.Range(1, outcome.Checks.Count));
        checks.Select(e => (e.Name, e.Outcome)).Should().Equal(outcome.Checks.Select(r => ($"{r.Check.Table}.{r.Check.Name}", (CheckOutcome?)r.Outcome)));
        events.Where(e => e.Kind == PublishProgressKind.ChecksStarted).Select(e => e.Name).Should()
            .Equal(outcome.Checks.Select(r => r.Check.Table).Distinct());
        events.FindLastIndex(e => e.Kind == PublishProgressKind.ModelBuilt).Should()
            .BeLessThan(events.FindIndex(e => e.Kind == PublishProgressKind.ChecksStarted), "checks run on the built models");
    }

    /// <summary>Reports as they come, on the reporting thread (Progress&lt;T&gt; would post them elsewhere, out of order).</summary>
    private sealed class Collect(List<PublishProgress> events) : IProgress<PublishProgress>
    {
        public void Report(PublishProgress value)
        {
            lock (events) events.Add(value);
        }
    }

    private sealed class NoHistory : HealthDw.Core.Publishing.ICheckHistory
    {
        public Task RecordAsync(PublishOutcome outcome, DateTimeOffset at, CancellationToken ct) => Task.CompletedTask;
    }
}
