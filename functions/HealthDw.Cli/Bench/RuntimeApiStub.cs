using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace HealthDw.Cli.Bench;

/// <summary>
/// A loopback server that plays the Lambda Runtime API (2018-06-01) for a bootstrap process: it
/// hands out the queued invocations on <c>/invocation/next</c> and records what comes back on
/// <c>/response</c>, <c>/error</c> and <c>/init/error</c>, with the time each arrived. Used by the
/// cold-start benchmark and the end-to-end tests of the published package.
/// </summary>
public sealed class RuntimeApiStub : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly ConcurrentQueue<(string RequestId, string Payload)> _pending = new();
    private readonly Task _loop;
    private readonly CancellationTokenSource _stop = new();

    public RuntimeApiStub()
    {
        (_listener, Port) = Listen();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>
    /// HttpListener cannot bind port 0, so a port the OS handed out is released and then bound: another process (six test
    /// processes run at once) can take it in between. A bind that fails tries the next port the OS hands out.
    /// </summary>
    private static (HttpListener, int) Listen()
    {
        for (var attempt = 1; ; attempt++)
        {
            int port;
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                port = ((IPEndPoint)probe.LocalEndpoint).Port;
            }

            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return (listener, port);
            }
            catch (HttpListenerException) when (attempt < 20)
            {
                try
                {
                    ((IDisposable)listener).Dispose();
                }
                catch (HttpListenerException)
                {
                }
            }
        }
    }

    public sealed record Answer(string RequestId, string Kind, string Body, string? ErrorType, long Timestamp);

    public int Port { get; }

    /// <summary>The value for AWS_LAMBDA_RUNTIME_API.</summary>
    public string Address => $"127.0.0.1:{Port}";

    public BlockingCollection<Answer> Answers { get; } = new();

    public void Enqueue(string requestId, string payload) => _pending.Enqueue((requestId, payload));

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
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

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        var response = context.Response;
        try
        {
            if (context.Request.HttpMethod == "GET" && path == "/2018-06-01/runtime/invocation/next")
            {
                (string RequestId, string Payload) next;
                while (!_pending.TryDequeue(out next))
                {
                    await Task.Delay(5, _stop.Token); // a real Runtime API holds the request until there is work
                }

                response.AddHeader("Lambda-Runtime-Aws-Request-Id", next.RequestId);
                response.AddHeader("Lambda-Runtime-Deadline-Ms", DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
                response.AddHeader("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:000000000000:function:healthdw-bench");
                response.AddHeader("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
                await Write(response, 200, next.Payload);
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries); // 2018-06-01 runtime invocation {id} response|error, or init error
            var errorType = context.Request.Headers["Lambda-Runtime-Function-Error-Type"];
            var answer = parts switch
            {
                [_, "runtime", "invocation", var id, "response"] => new Answer(id, "response", body, null, Stopwatch.GetTimestamp()),
                [_, "runtime", "invocation", var id, "error"] => new Answer(id, "error", body, errorType, Stopwatch.GetTimestamp()),
                [_, "runtime", "init", "error"] => new Answer("", "init-error", body, errorType, Stopwatch.GetTimestamp()),
                _ => null,
            };
            if (answer is null)
            {
                await Write(response, 404, "{\"errorMessage\":\"unknown path\"}");
                return;
            }

            Answers.Add(answer);
            await Write(response, 202, "{\"status\":\"OK\"}");
        }
        catch (OperationCanceledException)
        {
            response.Abort();
        }
    }

    private static async Task Write(HttpListenerResponse response, int status, string body)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        var bytes = Encoding.UTF8.GetBytes(body);
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            _listener.Stop();
            _listener.Close();
        }
        catch (HttpListenerException)
        {
            // Linux's managed HttpListener re-binds its port while it closes, which fails when another process took the
            // port meanwhile: nothing is listening any more either way.
        }

        await _loop;
    }
}
