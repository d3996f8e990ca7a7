using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace HealthDw.Cloud.Tests.Support;

/// <summary>
/// A real HTTP server (HttpListener) on a free loopback port. Each request is recorded, then
/// answered by the test's function, on its own task, so a request that waits (the Runtime API's
/// "next") never holds up the others. Disposing stops it and abandons waiting requests.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<RecordedRequest, CancellationToken, Task<StubResponse>> _respond;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly SemaphoreSlim _arrivals = new(0);
    private readonly Task _acceptLoop;

    /// <param name="host">"127.0.0.1", or "localhost" for clients that must call localhost.</param>
    public LoopbackHttpServer(Func<RecordedRequest, CancellationToken, Task<StubResponse>> respond, string host = "127.0.0.1")
    {
        _respond = respond;
        (_listener, Port) = Start(host);
        _acceptLoop = AcceptAsync();
    }

    public int Port { get; }

    public string HostAndPort => $"127.0.0.1:{Port}";

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    private static int _port = 10_000 + Random.Shared.Next(9_000);

    /// <summary>
    /// A port below Linux's ephemeral range (32768 and up) for a server: a port probed free in that range can be taken by an
    /// outgoing connection before the listener binds it. Ports here are only bound on purpose.
    /// </summary>
    private static int NextPort() => 10_000 + (Interlocked.Increment(ref _port) - 10_000) % 10_000;

    /// <summary>A port nothing listens on (bound, then released).</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Waits until <paramref name="count"/> requests matching <paramref name="match"/> have arrived.</summary>
    public async Task<IReadOnlyList<RecordedRequest>> WaitForAsync(Func<RecordedRequest, bool> match, int count = 1, int timeoutMs = 10_000)
    {
        using var timeout = new CancellationTokenSource(timeoutMs);
        while (true)
        {
            var found = Requests.Where(match).ToList();
            if (found.Count >= count) return found;
            try
            {
                await _arrivals.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{found.Count} of {count} expected requests arrived; got: "
                    + string.Join(", ", Requests.Select(r => $"{r.Method} {r.Path}")));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _listener.Close();
        try
        {
            await _acceptLoop;
        }
        catch (ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private static (HttpListener, int) Start(string host)
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = NextPort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://{host}:{port}/");
            try
            {
                listener.Start();
                return (listener, port);
            }
            catch (HttpListenerException) when (attempt < 20)
            {
                listener.Close(); // another process's test server has it: try the next
            }
        }
    }

    private async Task AcceptAsync()
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
                return; // stopped
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            var request = context.Request;
            using var body = new MemoryStream();
            await request.InputStream.CopyToAsync(body, _stop.Token);
            var headers = request.Headers.AllKeys.Where(k => k is not null)
                .ToDictionary(k => k!, k => request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            var recorded = new RecordedRequest(request.HttpMethod, request.Url!.AbsolutePath, request.Url.Query, headers, body.ToArray());
            _requests.Enqueue(recorded);
            _arrivals.Release();

            var reply = await _respond(recorded, _stop.Token);
            var response = context.Response;
            response.StatusCode = reply.Status;
            foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>()) response.Headers[name] = value;
            response.ContentLength64 = reply.Body.Length;
            await response.OutputStream.WriteAsync(reply.Body, _stop.Token);
            response.Close();
        }
        catch (Exception e) when (e is OperationCanceledException or HttpListenerException or ObjectDisposedException or IOException)
        {
            try
            {
                context.Response.Abort(); // stopped mid-request, or the client went away
            }
            catch (ObjectDisposedException)
            {
            }
        }
    }
}
