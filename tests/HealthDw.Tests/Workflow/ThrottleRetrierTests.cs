using System.Text.Json.Nodes;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Workflow;

/// <summary>
/// Every Lambda Task of both definitions retries Lambda.TooManyRequestsException with its own retrier, first
/// in its Retry array. Step Functions counts attempts per retrier, and the first retrier that matches an error
/// decides ("Handling errors in Step Functions workflows": complex retry scenarios), so a throttled invoke
/// spends this retrier's long budget and never the general retrier's few tries. A throttled invoke never ran
/// (Lambda refuses it before the function starts: Lambda API reference, "Invoke", 429), so retrying it for
/// hours is safe.
/// </summary>
public class ThrottleRetrierTests
{
    private const string Throttled = "Lambda.TooManyRequestsException";

    /// <summary>
    /// The longest wait the budget must cover on average: the last file of a 200-file drop at dev's
    /// loadToStaging concurrency of 2 waits for 99 rounds of loads; at up to 7 minutes a load that is 11.55 hours.
    /// </summary>
    private static readonly TimeSpan DropOf200AtConcurrency2 = TimeSpan.FromMinutes(7) * (200 / 2 - 1);

    /// <summary>Step Functions service quotas: an execution's history holds at most 25,000 events.</summary>
    private const int HistoryEventQuota = 25_000;

    public static TheoryData<string> Definitions() => DefinitionTests.Definitions();

    /// <summary>
    /// A polling Task (one in a Wait/Choice loop) gets a fresh retry budget on every pass, and each throttled attempt
    /// adds three history events: its throttling retrier keeps the long retrier's shape with at most this many
    /// attempts, so a loop at its bound stays under the 25,000-event history quota
    /// (ExecutionBoundsTests.History_InTheWorstLegitimateRun_ShouldStayUnderTheEventQuota).
    /// </summary>
    private const int PollingAttempts = 15;

    /// <summary>publish-drop's looks are many more (300 per phase, see ExecutionBoundsTests): a throttled one is retried
    /// twice and then skipped (its Catch goes round the loop again), so that each round's events stay few.</summary>
    private static int PollingAttemptsOf(string file) => file == "publish-drop.asl.json" ? 2 : PollingAttempts;

    private static JsonObject Definition(string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Root, "statemachine", file)))!.AsObject();

    private static IEnumerable<(string Name, JsonObject State)> LambdaTasks(string file) =>
        Definition(file)["States"]!.AsObject()
            .Where(s => (string?)s.Value!["Resource"] == "arn:aws:states:::lambda:invoke")
            .Select(s => (s.Key, s.Value!.AsObject()));

    private static HashSet<string> Polling(string file) =>
        ExecutionBoundsTests.Loops(Definition(file)).SelectMany(l => l).ToHashSet(StringComparer.Ordinal);

    [Theory]
    [MemberData(nameof(Definitions))]
    public void EveryLambdaTask_ShouldRetryThrottlingFirstWithTheSameRetrier(string file)
    {
        var polling = Polling(file);
        var tasks = LambdaTasks(file).ToList();
        tasks.Should().NotBeEmpty();
        tasks.Should().Contain(t => polling.Contains(t.Name), "a load or a drop is polled in a loop");
        var first = tasks.First(t => !polling.Contains(t.Name)).State["Retry"]![0]!;
        foreach (var (name, state) in tasks)
        {
            var retry = state["Retry"]!.AsArray();
            var expected = first.DeepClone();
            if (polling.Contains(name))
                expected["MaxAttempts"] = PollingAttemptsOf(file);
            JsonNode.DeepEquals(retry[0], expected).Should().BeTrue(
                $"{name}: one throttling retrier, the same everywhere{(polling.Contains(name) ? $" but for {PollingAttemptsOf(file)} attempts in a polling loop" : "")}");
            retry[0]!["ErrorEquals"]!.AsArray().Select(e => (string)e!).Should().Equal([Throttled], $"{name}: throttling alone, in the first retrier");
            retry.Skip(1).SelectMany(r => r!["ErrorEquals"]!.AsArray().Select(e => (string)e!)).Should()
                .NotContain(Throttled, $"{name}: a later retrier never sees an error the first one matches");
        }
    }

    [Theory]
    [MemberData(nameof(Definitions))]
    public void ThrottlingRetrier_ShouldWaitLongEnoughForA200FileDropAndStayWithinTheHistoryQuota(string file)
    {
        var polling = Polling(file);
        var retrier = LambdaTasks(file).First(t => !polling.Contains(t.Name)).State["Retry"]![0]!;
        var interval = (int)retrier["IntervalSeconds"]!;
        var backoff = (double)retrier["BackoffRate"]!;
        var attempts = (int)retrier["MaxAttempts"]!;
        var cap = (int)retrier["MaxDelaySeconds"]!;
        ((string?)retrier["JitterStrategy"]).Should().Be("FULL", "hundreds of waiting files must not retry in step");

        // With FULL jitter each wait is uniform between 0 and the capped backoff: on average half of it.
        var longest = Enumerable.Range(0, attempts).Sum(n => Math.Min(interval * Math.Pow(backoff, n), cap));
        TimeSpan.FromSeconds(longest / 2).Should().BeGreaterThanOrEqualTo(DropOf200AtConcurrency2);
        TimeSpan.FromSeconds(longest).Should().BeLessThanOrEqualTo(TimeSpan.FromDays(1), "a file that cannot get a slot in a day is a fault to report");
        // Each throttled attempt of a lambda:invoke task adds TaskScheduled, TaskStarted and TaskFailed to the history.
        (attempts * 3).Should().BeLessThan(HistoryEventQuota / 5, "the history must keep room for the rest of the execution");
    }
}
