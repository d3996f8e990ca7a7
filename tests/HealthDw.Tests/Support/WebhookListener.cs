using System.Text;
using HealthDw.TestHttp;

namespace HealthDw.Tests.Support;

/// <summary>A loopback HTTP server (on a port the OS picked) standing in for a Slack incoming webhook: records each body
/// and answers with the scripted statuses (then 200).</summary>
public sealed class WebhookListener : IAsyncDisposable
{
    private readonly Queue<(int Status, string? RetryAfter)> _script;
    private readonly TcpHttpServer _server;

    public WebhookListener(params (int Status, string? RetryAfter)[] script)
    {
        _script = new Queue<(int, string?)>(script);
        _server = new TcpHttpServer((exchange, _) => Task.FromResult(Answer(exchange)));
        Url = $"http://127.0.0.1:{_server.Port}/services/T000/B000/XXXX";
    }

    public string Url { get; }

    public List<string> Bodies { get; } = [];

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private HttpAnswer Answer(HttpExchange exchange)
    {
        (int Status, string? RetryAfter) answer;
        lock (Bodies)
        {
            Bodies.Add(Encoding.UTF8.GetString(exchange.Body));
            answer = _script.Count > 0 ? _script.Dequeue() : (200, null);
        }

        var headers = answer.RetryAfter is null ? [] : new List<KeyValuePair<string, string>> { new("Retry-After", answer.RetryAfter) };
        return new HttpAnswer(answer.Status, Encoding.UTF8.GetBytes(answer.Status == 200 ? "ok" : "rate_limited"), headers);
    }
}
