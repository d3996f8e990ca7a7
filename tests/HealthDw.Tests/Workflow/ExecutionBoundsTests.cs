using System.Text.Json.Nodes;
using HealthDw.Core.Publishing;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Workflow;

/// <summary>
/// Every loop in a definition is bounded by a counter in the state data, and each machine's TimeoutSeconds is
/// longer than its longest legitimate run, derived from those bounds (Step Functions Developer Guide, "Step
/// Functions service quotas": a Standard execution may otherwise run for a year).
/// </summary>
public class ExecutionBoundsTests
{
    public static TheoryData<string> Definitions() => ["ingest-file.asl.json", "publish-drop.asl.json"];

    private static JsonObject Load(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Root, "statemachine", name)))!.AsObject();

    [Theory]
    [MemberData(nameof(Definitions))]
    public void EveryLoop_ShouldBeBoundedByACounterThatStartsAtZeroAndIsIncrementedInTheLoop(string name)
    {
        var definition = Load(name);
        var loops = Loops(definition);
        loops.Should().NotBeEmpty($"{name} waits for something in a loop");
        foreach (var loop in loops)
            Bound(definition, loop).Should().BePositive();
    }

    /// <summary>
    /// The longest legitimate run: each loop at its bound, every round waiting its Wait and its Tasks taking up to
    /// their TimeoutSeconds; every other Task once at its TimeoutSeconds (more than any single route visits); every
    /// Task's error retriers waiting their whole backoff once (a flaky step is legitimate; one that spends its retry
    /// budget on every round of a loop is not); and the throttling retrier's whole backoff once per execution. A
    /// throttled call waits for the files ahead of it in the same few reserved slots: that queue is one per drop,
    /// so a file's waits at all its steps together are bounded by it, and the throttling retrier is sized to it.
    /// </summary>
    [Theory]
    [MemberData(nameof(Definitions))]
    public void TimeoutSeconds_ShouldBeLongerThanTheLongestLegitimateRun(string name)
    {
        var definition = Load(name);
        var states = definition["States"]!.AsObject();
        var loops = Loops(definition);
        double longest = 0, throttled = 0;
        foreach (var (state, body) in states.Select(s => (s.Key, s.Value!.AsObject())))
        {
            var seconds = Seconds(body);
            var loop = loops.FirstOrDefault(l => l.Contains(state));
            longest += (loop is null ? seconds : seconds * Bound(definition, loop)) + RetryDelays(body, r => !IsThrottling(r));
            throttled = Math.Max(throttled, RetryDelays(body, IsThrottling));
        }
        throttled.Should().BePositive($"{name}'s Lambda Tasks retry throttling");
        longest += throttled;

        var timeout = definition["TimeoutSeconds"]?.GetValue<int>();
        timeout.Should().NotBeNull($"{name} needs a TimeoutSeconds");
        timeout!.Value.Should().BeGreaterThan((int)Math.Ceiling(longest), $"{name}'s longest legitimate run is {longest} s");
    }

    /// <summary>
    /// Step Functions service quotas, and the guide's "Avoid reaching the history quota": a Standard execution's
    /// history holds at most 25,000 events, and an execution that reaches it fails, with no Catcher to catch it (the
    /// file would stay in raw_files/ without a report). The worst legitimate run: each loop at its bound, its Lambda
    /// Tasks throttled on every pass for their whole (short, polling) throttling budget; every other state once,
    /// its error retriers spent once; and the long throttling budget spent once per execution (see above).
    /// A throttled or failed lambda:invoke attempt adds TaskScheduled, TaskStarted and TaskFailed.
    /// </summary>
    [Theory]
    [MemberData(nameof(Definitions))]
    public void History_InTheWorstLegitimateRun_ShouldStayUnderTheEventQuota(string name)
    {
        const int quota = 25_000;
        var definition = Load(name);
        var loops = Loops(definition);
        double events = 2; // ExecutionStarted, and how it ends
        double throttledOnce = 0;
        foreach (var (state, body) in definition["States"]!.AsObject().Select(s => (s.Key, s.Value!.AsObject())))
        {
            var loop = loops.FirstOrDefault(l => l.Contains(state));
            var own = (string)body["Type"]! == "Task" ? 5 : 2; // Task: entered, scheduled, started, succeeded, exited
            var throttled = Attempts(body, IsThrottling);
            events += 3 * Attempts(body, r => !IsThrottling(r));
            if (loop is null)
            {
                events += own;
                throttledOnce = Math.Max(throttledOnce, throttled);
            }
            else
            {
                events += Bound(definition, loop) * (own + 3 * throttled);
            }
        }
        events += 3 * throttledOnce;

        events.Should().BeLessThan(quota, $"{name}'s worst legitimate history is {events} events");
    }

    private static int Attempts(JsonObject state, Func<JsonNode, bool> which) =>
        (state["Retry"]?.AsArray() ?? []).Where(r => which(r!)).Sum(r => r!["MaxAttempts"]?.GetValue<int>() ?? 3);

    [Fact]
    public void DropLoop_ShouldWaitLongerThanTheLongestDropDeadlineAllowed()
    {
        var definition = Load("publish-drop.asl.json");
        var loop = Loops(definition).Single(l => l.Contains("Wait For Files")); // the drop's loop; the build and checks poll in their own
        var waited = Bound(definition, loop) * loop.Sum(n => (string)definition["States"]![n]!["Type"]! == "Wait" ? Seconds(definition["States"]![n]!.AsObject()) : 0);

        waited.Should().BeGreaterThan(HealthDw.Core.Routing.RouteTable.MaxDropDeadlineHours * 3600,
            "a drop must become overdue (and be reported incomplete) before publish-drop stops waiting for it");
    }

    /// <summary>
    /// The issue asks that a build longer than a Lambda's 15 minutes publish. Each poll loop of publish-drop waits as its
    /// last look says (SecondsPath, <see cref="PollSchedule"/>), so its bound is a number of looks: it must cover a phase
    /// of <see cref="LongestPhase"/>, looks taking no time (the most looks). With
    /// <see cref="History_InTheWorstLegitimateRun_ShouldStayUnderTheEventQuota"/>, which counts every loop at its bound
    /// (the drop's wait for its files at its 288 rounds among them), a publish of two such phases stays under the
    /// 25,000 events of an execution's history (Step Functions service quotas).
    /// </summary>
    [Fact]
    public void PollLoops_ShouldLookLongEnoughForTheLongestPhaseAtThePollSchedulesWaits()
    {
        var definition = Load("publish-drop.asl.json");
        var states = definition["States"]!.AsObject();
        var polls = Loops(definition).Where(l => l.Any(n => states[n]!["SecondsPath"] is not null)).ToList();
        polls.Should().HaveCount(2, "Build Models and Run Checks each poll in a loop");
        foreach (var loop in polls)
        {
            var wait = loop.Single(n => (string)states[n]!["Type"]! == "Wait");
            var poll = (string)states[wait]!["Next"]!;
            ((string)states[wait]!["SecondsPath"]!).Should().Be($"{(string)states[poll]!["ResultPath"]!}.result.waitSeconds",
                $"{wait} waits as the last look ({poll}) said");
            var looks = 0;
            for (var elapsed = 0d; elapsed < LongestPhase.TotalSeconds; looks++)
                elapsed += PollSchedule.WaitSeconds(TimeSpan.FromSeconds(elapsed));
            Bound(definition, loop).Should().BeGreaterThanOrEqualTo(looks, $"a phase of {LongestPhase.TotalHours} h takes {looks} looks");
        }
    }

    /// <summary>The longest build (and, apart, the longest checks) publish-drop must wait for.</summary>
    private static readonly TimeSpan LongestPhase = TimeSpan.FromHours(4);

    [Fact]
    public void PollSchedule_ShouldWaitBrieflyAtFirstAndAtMostAMinuteLater()
    {
        PollSchedule.WaitSeconds(TimeSpan.Zero).Should().Be(1);
        PollSchedule.WaitSeconds(TimeSpan.FromSeconds(3)).Should().Be(1);
        PollSchedule.WaitSeconds(TimeSpan.FromSeconds(50)).Should().Be(10);
        PollSchedule.WaitSeconds(TimeSpan.FromHours(3)).Should().Be(60);
    }

    private static double Seconds(JsonObject state) => (string)state["Type"]! switch
    {
        "Task" => state["TimeoutSeconds"]?.GetValue<int>() ?? throw new InvalidOperationException("every Task needs a TimeoutSeconds"),
        "Wait" => state["Seconds"]?.GetValue<int>()
                  ?? (state["SecondsPath"] is not null ? (int?)PollSchedule.LongestWaitSeconds : null)
                  ?? throw new InvalidOperationException("a Wait must wait a fixed time, or the poll schedule's, to be bounded"),
        _ => 0,
    };

    private static bool IsThrottling(JsonNode retrier) =>
        retrier["ErrorEquals"]!.AsArray().Select(e => (string)e!).SequenceEqual(["Lambda.TooManyRequestsException"]);

    /// <summary>The chosen retriers' whole backoff: the sum of their delays, each capped at MaxDelaySeconds (no jitter).</summary>
    private static double RetryDelays(JsonObject state, Func<JsonNode, bool> which)
    {
        double total = 0;
        foreach (var retrier in (state["Retry"]?.AsArray() ?? []).Where(r => which(r!)))
        {
            var interval = retrier!["IntervalSeconds"]?.GetValue<double>() ?? 1;
            var backoff = retrier["BackoffRate"]?.GetValue<double>() ?? 2;
            var attempts = retrier["MaxAttempts"]?.GetValue<int>() ?? 3;
            var max = retrier["MaxDelaySeconds"]?.GetValue<double>() ?? double.MaxValue;
            for (var k = 0; k < attempts; k++)
                total += Math.Min(interval * Math.Pow(backoff, k), max);
        }
        return total;
    }

    /// <summary>
    /// A loop's bound: a Choice in it leaves the loop once <c>V</c> (NumericGreaterThanEquals N) is reached, a Pass
    /// in it sets V to States.MathAdd(V, 1), and a Pass outside it starts V at 0 before the loop is entered.
    /// </summary>
    private static int Bound(JsonObject definition, IReadOnlySet<string> loop)
    {
        var states = definition["States"]!.AsObject();
        var guards = loop.Select(n => states[n]!.AsObject()).Where(s => (string)s["Type"]! == "Choice")
            .SelectMany(s => s["Choices"]!.AsArray().Select(c => c!.AsObject()))
            .Where(c => c["NumericGreaterThanEquals"] is not null && !loop.Contains((string)c["Next"]!))
            .ToList();
        guards.Should().ContainSingle($"the loop {string.Join(", ", loop)} needs one counter guard that leaves it");
        var counter = (string)guards[0]["Variable"]!;
        var holder = counter[..counter.LastIndexOf('.')];
        var field = counter[(counter.LastIndexOf('.') + 1)..];

        loop.Select(n => states[n]!.AsObject()).Should().Contain(s =>
                (string)s["Type"]! == "Pass" && (string?)s["ResultPath"] == holder
                && (string?)s["Parameters"]![field + ".$"] == $"States.MathAdd({counter}, 1)",
            $"the loop must add 1 to {counter} each round");
        states.Where(s => !loop.Contains(s.Key)).Select(s => s.Value!.AsObject()).Should().Contain(s =>
                (string)s["Type"]! == "Pass" && (string?)s["ResultPath"] == holder && s["Result"]![field]!.GetValue<int>() == 0,
            $"{counter} must start at 0 outside the loop");
        return guards[0]["NumericGreaterThanEquals"]!.GetValue<int>();
    }

    /// <summary>The strongly connected sets of more than one state (or a state that is its own successor).</summary>
    internal static List<IReadOnlySet<string>> Loops(JsonObject definition)
    {
        var states = definition["States"]!.AsObject();
        var reach = states.ToDictionary(s => s.Key, s => Reachable(states, s.Key), StringComparer.Ordinal);
        var loops = new List<IReadOnlySet<string>>();
        foreach (var (name, _) in states)
        {
            if (!reach[name].Contains(name) || loops.Any(l => l.Contains(name)))
                continue;
            loops.Add(reach[name].Where(other => reach[other].Contains(name)).ToHashSet(StringComparer.Ordinal));
        }
        return loops;
    }

    private static HashSet<string> Reachable(JsonObject states, string from)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(Successors(states[from]!.AsObject()));
        while (queue.Count > 0)
        {
            var next = queue.Dequeue();
            if (seen.Add(next))
            {
                foreach (var successor in Successors(states[next]!.AsObject())) queue.Enqueue(successor);
            }
        }
        return seen;
    }

    private static IEnumerable<string> Successors(JsonObject state)
    {
        if ((string?)state["Next"] is { } next) yield return next;
        if ((string?)state["Default"] is { } fallback) yield return fallback;
        foreach (var choice in state["Choices"]?.AsArray() ?? []) yield return (string)choice!["Next"]!;
        foreach (var catcher in state["Catch"]?.AsArray() ?? []) yield return (string)catcher!["Next"]!;
    }
}
