using System.Net;
using System.Net.Http.Headers;
using HealthDw.Core.Ports;

namespace HealthDw.Hosting.Notify;

/// <summary>
/// Posts notifications to a Slack incoming webhook whose URL is a secret. Retries 429 and 5xx,
/// honouring Retry-After (bounded). Neither the URL nor the message body ever reaches an exception.
/// </summary>
public sealed class SlackWebhookNotifier(HttpClient http, ISecrets secrets, string webhookSecretId, Func<TimeSpan, CancellationToken, Task> delay,
    int maxAttempts = 5) : INotifier
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    public async Task SendAsync(Notification notification, CancellationToken ct)
    {
        var url = await secrets.GetAsync(webhookSecretId, ct);
        var body = SlackMessage.Render(notification);
        for (var attempt = 1; ; attempt++)
        {
            HttpStatusCode status;
            TimeSpan? retryAfter;
            try
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await http.PostAsync(url, content, ct);
                if (response.IsSuccessStatusCode) return;
                status = response.StatusCode;
                retryAfter = response.Headers.RetryAfter?.Delta
                             ?? (response.Headers.RetryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
            }
            catch (HttpRequestException e)
            {
                if (attempt >= maxAttempts) throw new HttpRequestException($"Slack webhook unreachable after {attempt} attempts ({e.HttpRequestError})");
                await delay(Backoff(attempt), ct);
                continue;
            }

            var transient = status == HttpStatusCode.TooManyRequests || (int)status >= 500;
            if (!transient || attempt >= maxAttempts)
                throw new HttpRequestException($"Slack webhook answered {(int)status} {status} after {attempt} attempt(s)", null, status);
            var wait = retryAfter is { } ra && ra > TimeSpan.Zero ? (ra > MaxWait ? MaxWait : ra) : Backoff(attempt);
            await delay(wait, ct);
        }
    }

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(Math.Min(8000, 250 * Math.Pow(2, attempt - 1)));
}
