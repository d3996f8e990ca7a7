using HealthDw.StateMachine.Time;

namespace HealthDw.StateMachine.Tests.Time;

public class DiscreteEventClockTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task DelayAsync_WhenCalledOutsideAnyFlow_ShouldCompleteAtOnceAndMoveTime()
    {
        var clock = new DiscreteEventClock(Start);

        await clock.DelayAsync(TimeSpan.FromHours(3), CancellationToken.None).WaitAsync(Patience);

        clock.Now.Should().Be(Start.AddHours(3));
    }

    [Fact]
    public async Task DelayAsync_WhenFlowsWaitTogether_ShouldShareOneTimelineAndWakeInOrder()
    {
        var clock = new DiscreteEventClock(Start);
        var woke = new List<(string Flow, DateTimeOffset At)>();

        async Task Flow(string name, int first, int second)
        {
            using var timeline = clock.BeginTimeline(clock.Now);
            await clock.DelayAsync(TimeSpan.FromSeconds(first), CancellationToken.None);
            lock (woke) woke.Add((name, clock.Now));
            await clock.DelayAsync(TimeSpan.FromSeconds(second), CancellationToken.None);
            lock (woke) woke.Add((name, clock.Now));
        }

        Task both;
        using (clock.Hold())
            both = Task.WhenAll(Flow("a", 5, 10), Flow("b", 10, 1));
        await both.WaitAsync(Patience);

        woke.Should().Equal(("a", Start.AddSeconds(5)), ("b", Start.AddSeconds(10)), ("b", Start.AddSeconds(11)), ("a", Start.AddSeconds(15)));
        clock.Now.Should().Be(Start.AddSeconds(15), "flows that wait side by side do not add up their waits");
    }

    [Fact]
    public async Task DelayAsync_WhileAnotherFlowIsBusy_ShouldNotMoveTimeUntilThatFlowWaitsToo()
    {
        var clock = new DiscreteEventClock(Start);
        var busy = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var busyStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async Task<DateTimeOffset> Sleeper()
        {
            await busyStarted.Task;
            using var timeline = clock.BeginTimeline(clock.Now);
            await clock.DelayAsync(TimeSpan.FromSeconds(60), CancellationToken.None);
            return clock.Now;
        }

        async Task<DateTimeOffset> Worker()
        {
            using var timeline = clock.BeginTimeline(clock.Now);
            busyStarted.SetResult();
            await busy.Task; // real work: a handler, a database call
            await clock.DelayAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
            return clock.Now;
        }

        var worker = Task.Run(Worker);
        var sleeper = Task.Run(Sleeper);
        await busyStarted.Task;
        await Task.Delay(200);

        sleeper.IsCompleted.Should().BeFalse("the worker has not waited yet, so time may not pass");
        clock.Now.Should().Be(Start);
        busy.SetResult();
        (await worker.WaitAsync(Patience)).Should().Be(Start.AddSeconds(1));
        (await sleeper.WaitAsync(Patience)).Should().Be(Start.AddSeconds(60));
    }

    [Fact]
    public async Task WhenReachedAsync_WhenTheDeadlineComesBeforeTheWake_ShouldFireThereAndLetTheFlowCancelItsDelay()
    {
        var clock = new DiscreteEventClock(Start);
        using var timeline = clock.BeginTimeline(Start);
        using var work = new CancellationTokenSource();
        var timer = clock.WhenReachedAsync(Start.AddSeconds(30), CancellationToken.None);

        var delay = clock.DelayAsync(TimeSpan.FromSeconds(40), work.Token);
        await timer.WaitAsync(Patience);
        clock.Now.Should().Be(Start.AddSeconds(30));
        delay.IsCompleted.Should().BeFalse("the timer's flow runs before time moves again");
        await work.CancelAsync();

        var awaiting = () => delay;
        await awaiting.Should().ThrowAsync<OperationCanceledException>();
        clock.Now.Should().Be(Start.AddSeconds(30));
    }

    [Fact]
    public async Task WhenReachedAsync_WhenCancelled_ShouldNotFire()
    {
        var clock = new DiscreteEventClock(Start);
        using var timeline = clock.BeginTimeline(Start);
        using var cancel = new CancellationTokenSource();
        var timer = clock.WhenReachedAsync(Start.AddSeconds(30), cancel.Token);
        await cancel.CancelAsync();

        await clock.DelayAsync(TimeSpan.FromSeconds(40), CancellationToken.None).WaitAsync(Patience);

        timer.IsCanceled.Should().BeTrue();
        clock.Now.Should().Be(Start.AddSeconds(40));
    }

    [Fact]
    public async Task BeginTimeline_WhenAFlowAwaitsItsBranches_ShouldNotHoldTime()
    {
        var clock = new DiscreteEventClock(Start);
        using var parent = clock.BeginTimeline(Start);

        async Task<DateTimeOffset> Branch(int seconds)
        {
            using var timeline = clock.BeginTimeline(clock.Now);
            await clock.DelayAsync(TimeSpan.FromSeconds(seconds), CancellationToken.None);
            return clock.Now;
        }

        Task<DateTimeOffset[]> branches;
        using (clock.Hold())
            branches = Task.WhenAll(Branch(5), Branch(10));
        var ends = await branches.WaitAsync(Patience);

        ends.Should().Equal(Start.AddSeconds(5), Start.AddSeconds(10));
    }
}
