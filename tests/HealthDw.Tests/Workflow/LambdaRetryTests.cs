using System.Text.Json.Nodes;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Workflow;

/// <summary>Every Lambda Task retries every transient Lambda service exception that AWS lists.</summary>
public class LambdaRetryTests
{
    /// <summary>
    /// Step Functions Developer Guide, "Handle Lambda service exceptions": invoking Lambda can fail with a transient
    /// 500 error, ClientExecutionTimeoutException, ServiceException, AWSLambdaException or SdkClientException,
    /// reported as Lambda.&lt;name&gt;; retry them. (Lambda.TooManyRequestsException, throttling, has its own retrier.)
    /// </summary>
    public static readonly IReadOnlyList<string> TransientLambdaServiceExceptions =
    [
        "Lambda.ClientExecutionTimeoutException",
        "Lambda.ServiceException",
        "Lambda.AWSLambdaException",
        "Lambda.SdkClientException",
    ];

    [Theory]
    [InlineData("ingest-file.asl.json")]
    [InlineData("publish-drop.asl.json")]
    public void EveryLambdaTask_ShouldRetryEveryLambdaServiceExceptionOfTheAwsList(string name)
    {
        var states = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Root, "statemachine", name)))!["States"]!.AsObject();
        var lambdaTasks = states.Where(s => (string?)s.Value!["Type"] == "Task"
            && ((string?)s.Value["Resource"])?.StartsWith("arn:aws:states:::lambda:invoke", StringComparison.Ordinal) == true).ToList();

        lambdaTasks.Should().NotBeEmpty();
        foreach (var (state, body) in lambdaTasks)
        {
            var retried = body!["Retry"]?.AsArray().SelectMany(r => r!["ErrorEquals"]!.AsArray().Select(e => (string)e!)).ToList() ?? [];
            retried.Should().Contain(TransientLambdaServiceExceptions, $"{name}: {state} must retry Lambda's transient service exceptions");
        }
    }
}
