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

    private static IEnumerable<(string Name, JsonObject State)> LambdaTasks(string file)
    {
        var definition = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Root, "statemachine", file)))!.AsObject();
        return definition["States"]!.AsObject()
            .Where(s => (string?)s.Value!["Resource"] == "arn:aws:states:::lambda:invoke")
            .Select(s => (s.Key, s.Value!.AsObject()));
    }

    [Theory]
    [MemberData(nameof(Definitions))]
    public void EveryLambdaTask_ShouldRetryThrottlingFirstWithTheSameRetrier(string file)
    {
        var tasks = LambdaTasks(file).ToList();
        tasks.Should().NotBeEmpty();
        var first = tasks[0].State["Retry"]![0]!;
        foreach (var (name, state) in tasks)
        {
            var retry = state["Retry"]!.AsArray();
            JsonNode.DeepEquals(retry[0], first).Should().BeTrue($"{name}: one throttling retrier, the same everywhere");
            retry[0]!["ErrorEquals"]!.AsArray().Select(e => (string)e!).Should().Equal([Throttled], $"{name}: throttling alone, in the first retrier");
            retry.Skip(1).SelectMany(r => r!["ErrorEquals"]!.AsArray().Select(e => (string)e!)).Should()
                .NotContain(Throttled, $"{name}: a later retrier never sees an error the first one matches");
        }
    }

    [Theory]
    [MemberData(nameof(Definitions))]
    public void ThrottlingRetrier_ShouldWaitLongEnoughForA200FileDropAndStayWithinTheHistoryQuota(string file)
    {
        var retrier = LambdaTasks(file).First().State["Retry"]![0]!;
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
