using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using HealthDw.TestHttp;

namespace HealthDw.Cloud.Tests.Support;

/// <summary>
/// A real HTTP server (<see cref="TcpHttpServer"/>) on a loopback port the OS picked (port 0). Each request is recorded,
/// then answered by the test's function, on its own task, so a request that waits (the Runtime API's "next") never holds
/// up the others. Disposing stops it and abandons waiting requests.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpHttpServer _server;
    private readonly Func<RecordedRequest, CancellationToken, Task<StubResponse>> _respond;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly SemaphoreSlim _arrivals = new(0);

    public LoopbackHttpServer(Func<RecordedRequest, CancellationToken, Task<StubResponse>> respond)
    {
        _respond = respond;
        _server = new TcpHttpServer(HandleAsync);
    }

    public int Port => _server.Port;

    public string HostAndPort => $"127.0.0.1:{Port}";

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>A port nothing listens on (bound, then released): for a client that must find no server.</summary>
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

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task<HttpAnswer> HandleAsync(HttpExchange exchange, CancellationToken ct)
    {
        var recorded = new RecordedRequest(exchange.Method, exchange.Path, exchange.Query, exchange.Headers, exchange.Body);
        _requests.Enqueue(recorded);
        _arrivals.Release();
        var reply = await _respond(recorded, ct);
        return new HttpAnswer(reply.Status, reply.Body, [.. reply.Headers ?? new Dictionary<string, string>()]);
    }
}
