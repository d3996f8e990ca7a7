using System.Net;
using System.Net.Sockets;
using System.Text;

namespace HealthDw.Tests.Support;

/// <summary>A loopback HTTP listener standing in for a Slack incoming webhook: records each body and
/// answers with the scripted statuses (then 200).</summary>
public sealed class WebhookListener : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Queue<(int Status, string? RetryAfter)> _script;
    private readonly Task _loop;

    public WebhookListener(params (int Status, string? RetryAfter)[] script)
    {
        _script = new Queue<(int, string?)>(script);
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}/services/T000/B000/XXXX";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public List<string> Bodies { get; } = [];

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            (int Status, string? RetryAfter) answer;
            lock (Bodies)
            {
                Bodies.Add(body);
                answer = _script.Count > 0 ? _script.Dequeue() : (200, null);
            }

            context.Response.StatusCode = answer.Status;
            if (answer.RetryAfter is not null) context.Response.AddHeader("Retry-After", answer.RetryAfter);
            var ok = Encoding.UTF8.GetBytes(answer.Status == 200 ? "ok" : "rate_limited");
            await context.Response.OutputStream.WriteAsync(ok);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
