using HealthDw.StateMachine.Time;

namespace HealthDw.StateMachine.Tests.Time;

public class VirtualClockTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task DelayAsync_WhenCalled_ShouldCompleteAtOnceAndMoveTime()
    {
        var clock = new VirtualClock(Start);

        var delay = clock.DelayAsync(TimeSpan.FromHours(3), CancellationToken.None);

        delay.IsCompleted.Should().BeTrue();
        await delay;
        clock.Now.Should().Be(Start.AddHours(3));
    }

    [Fact]
    public async Task BeginTimeline_WhenFlowsRunConcurrently_ShouldNotAddTheirDelays()
    {
        var clock = new VirtualClock(Start);

        async Task<DateTimeOffset> Branch(int seconds)
        {
            using var timeline = clock.BeginTimeline(Start);
            await clock.DelayAsync(TimeSpan.FromSeconds(seconds), CancellationToken.None);
            await clock.DelayAsync(TimeSpan.FromSeconds(seconds), CancellationToken.None);
            return clock.Now;
        }

        var ends = await Task.WhenAll(Branch(5), Branch(10));

        ends.Should().Equal(Start.AddSeconds(10), Start.AddSeconds(20));
        clock.Now.Should().Be(Start.AddSeconds(20));
    }

    [Fact]
    public async Task WhenReachedAsync_WhenADelayRunsPastTheDeadline_ShouldFireAndCutTheDelayShort()
    {
        var clock = new VirtualClock(Start);
        using var timeline = clock.BeginTimeline(Start);
        var timer = clock.WhenReachedAsync(Start.AddSeconds(30), CancellationToken.None);

        var sleep = () => clock.DelayAsync(TimeSpan.FromSeconds(40), CancellationToken.None);

        await sleep.Should().ThrowAsync<OperationCanceledException>();
        await timer;
        clock.Now.Should().Be(Start.AddSeconds(30));
    }

    [Fact]
    public async Task WhenReachedAsync_WhenCancelled_ShouldNotInterruptLaterDelays()
    {
        var clock = new VirtualClock(Start);
        using var timeline = clock.BeginTimeline(Start);
        using var cancel = new CancellationTokenSource();
        var timer = clock.WhenReachedAsync(Start.AddSeconds(30), cancel.Token);
        await cancel.CancelAsync();

        await clock.DelayAsync(TimeSpan.FromSeconds(40), CancellationToken.None);

        timer.IsCanceled.Should().BeTrue();
        clock.Now.Should().Be(Start.AddSeconds(40));
    }
}
