using System.Text.Json;
using HealthDw.Core.Ports;
using HealthDw.Hosting.Notify;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Functions.Notify;

public class SlackWebhookNotifierTests
{
    private sealed class OneSecret(string value) : ISecrets
    {
        public Task<string> GetAsync(string secretId, CancellationToken ct) => Task.FromResult(value);
    }

    private static readonly Notification Digest = new("drop_published", "20261121T0200", null, "published: 9 files, 98,425 rows",
        "arn:aws:states:us-east-1:1:execution:healthdw-publish-drop:drop-20261121T0200", DateTimeOffset.UnixEpoch,
        ["files: 9 loaded", "checks: 44 passed, 0 warned, 0 failed"], "https://console.aws.amazon.com/states/home#/v2/executions/details/x");

    [Fact]
    public async Task Send_WhenWebhookAnswers200_ShouldPostOneBlockKitMessage()
    {
        await using var slack = new WebhookListener();
        var notifier = new SlackWebhookNotifier(new HttpClient(), new OneSecret(slack.Url), "slack", (_, _) => Task.CompletedTask);

        await notifier.SendAsync(Digest, CancellationToken.None);

        var body = JsonDocument.Parse(slack.Bodies.Single()).RootElement;
        body.GetProperty("text").GetString().Should().Be("Drop 20261121T0200 published: published: 9 files, 98,425 rows");
        var blocks = body.GetProperty("blocks").EnumerateArray().ToList();
        blocks.Select(b => b.GetProperty("type").GetString()).Should().Equal("header", "section", "context");
        blocks[1].GetProperty("text").GetProperty("text").GetString().Should().Contain("• checks: 44 passed, 0 warned, 0 failed");
        blocks[2].GetProperty("elements")[0].GetProperty("text").GetString().Should().StartWith("<https://console.aws.amazon.com/");
    }

    [Fact]
    public async Task Send_When429WithRetryAfter_ShouldWaitThatLongAndRetry()
    {
        await using var slack = new WebhookListener((429, "3"), (503, null));
        var waits = new List<TimeSpan>();
        var notifier = new SlackWebhookNotifier(new HttpClient(), new OneSecret(slack.Url), "slack", (d, _) => { waits.Add(d); return Task.CompletedTask; });

        await notifier.SendAsync(Digest, CancellationToken.None);

        slack.Bodies.Should().HaveCount(3);
        waits[0].Should().Be(TimeSpan.FromSeconds(3));
        waits.Should().HaveCount(2);
    }

    [Fact]
    public async Task Send_WhenWebhookKeepsFailing_ShouldGiveUpWithoutLeakingTheUrl()
    {
        await using var slack = new WebhookListener((500, null), (500, null), (500, null));
        var notifier = new SlackWebhookNotifier(new HttpClient(), new OneSecret(slack.Url), "slack", (_, _) => Task.CompletedTask, maxAttempts: 3);

        var act = () => notifier.SendAsync(Digest, CancellationToken.None);

        var error = (await act.Should().ThrowAsync<HttpRequestException>()).Which;
        error.Message.Should().Contain("500").And.NotContain("services/T000");
        slack.Bodies.Should().HaveCount(3);
    }

    [Fact]
    public async Task Send_When400_ShouldNotRetry()
    {
        await using var slack = new WebhookListener((400, null));
        var notifier = new SlackWebhookNotifier(new HttpClient(), new OneSecret(slack.Url), "slack", (_, _) => Task.CompletedTask);

        await FluentActions.Awaiting(() => notifier.SendAsync(Digest, CancellationToken.None)).Should().ThrowAsync<HttpRequestException>();
        slack.Bodies.Should().HaveCount(1);
    }

    [Fact]
    public void Render_WhenSummaryHasSlackControlCharacters_ShouldEscapeThem()
    {
        var json = System.Text.Encoding.UTF8.GetString(SlackMessage.Render(Digest with { Summary = "a <b> & c" }));

        JsonDocument.Parse(json).RootElement.GetProperty("blocks")[1].GetProperty("text").GetProperty("text").GetString()
            .Should().StartWith("a &lt;b&gt; &amp; c");
    }
}
