using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using HealthDw.Snowflake.Tests.Emulator;

namespace HealthDw.Snowflake.Tests.Support;

/// <summary>
/// A stand-in for the SQL API on a free loopback port (HttpListener). Every request is recorded and its JWT
/// verified (signature with the user's public key, iss, sub, exp, token-type header); a request that fails
/// verification gets 401 and is listed in <see cref="AuthFailures"/>. A statement request whose role, warehouse, database or
/// schema names no object of <see cref="Account"/> as stored is refused next (<see cref="EmulatedAccount.RefuseContext"/>:
/// the SQL API's context fields are case-sensitive). Otherwise <see cref="Handler"/> answers.
/// Requests are served concurrently (one client sends one at a time; several clients may overlap), so a handler must be
/// safe to call from several threads.
/// </summary>
internal sealed class FakeSnowflakeServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly JwtVerifier _verifier;
    private readonly Func<DateTimeOffset> _now;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<FakeRequest> _requests = new();
    private readonly ConcurrentQueue<string> _authFailures = new();
    private readonly ConcurrentBag<Task> _inFlight = [];
    private readonly Task _loop;

    private FakeSnowflakeServer(HttpListener listener, Uri baseUri, JwtVerifier verifier, Func<DateTimeOffset> now)
    {
        _listener = listener;
        BaseUri = baseUri;
        _verifier = verifier;
        _now = now;
        _loop = Task.Run(ServeAsync);
    }

    public Uri BaseUri { get; }

    public Func<FakeRequest, FakeReply> Handler { get; set; } =
        _ => new FakeReply(404, """{"code":"000000","message":"no handler"}""");

    /// <summary>The objects a request's context must name; null accepts any context (a test of something else entirely).</summary>
    public EmulatedAccount? Account { get; set; }

    public IReadOnlyList<FakeRequest> Requests => [.. _requests];

    public IReadOnlyList<FakeRequest> Submits => [.. _requests.Where(r => r.IsSubmit)];

    public IReadOnlyList<string> AuthFailures => [.. _authFailures];

    public static FakeSnowflakeServer Start(JwtVerifier verifier, Func<DateTimeOffset> now)
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = NextPort();
            var prefix = $"http://127.0.0.1:{port}/";
            var listener = new HttpListener();
            listener.Prefixes.Add(prefix);
            try
            {
                listener.Start();
                return new FakeSnowflakeServer(listener, new Uri(prefix), verifier, now);
            }
            catch (Exception e) when (e is HttpListenerException or SocketException && attempt < 20)
            {
                listener.Close();
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
            await _loop;
            await Task.WhenAll(_inFlight);
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private static int _port = 20_000 + Random.Shared.Next(9_000);

    /// <summary>
    /// A port below Linux's ephemeral range (32768 and up): a port probed free in that range can be taken by any outgoing
    /// connection (to PostgreSQL, to another test server) before the listener binds it. Ports here are only ever bound on
    /// purpose; one taken by a test in another process is skipped by the caller's retry.
    /// </summary>
    private static int NextPort() => 20_000 + (Interlocked.Increment(ref _port) - 20_000) % 12_000;

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            // Each request on its own, as Snowflake serves them: callers running at once (two loads of one file) overlap here.
            _inFlight.Add(Task.Run(async () =>
            {
                try
                {
                    await HandleAsync(context);
                }
                catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
                {
                    // The client went away; nothing to answer.
                }
            }));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.InputStream, Encoding.UTF8))
            body = await reader.ReadToEndAsync();
        var query = System.Web.HttpUtility.ParseQueryString(request.Url!.Query);
        var recorded = new FakeRequest(
            request.HttpMethod,
            request.Url.AbsolutePath,
            query.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => query[k]!, StringComparer.Ordinal),
            request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => request.Headers[k]!, StringComparer.OrdinalIgnoreCase),
            body);
        _requests.Enqueue(recorded);

        FakeReply reply;
        if (_verifier.Problem(recorded.Headers, _now()) is { } problem)
        {
            _authFailures.Enqueue(problem);
            reply = new FakeReply(401, """{"code":"390144","message":"JWT token is invalid."}""");
        }
        else if (recorded.IsSubmit && Account?.RefuseContext(recorded.Json) is { } refused)
        {
            reply = SnowflakeBodies.Failure(422, refused.Code, refused.SqlState, refused.Message, Guid.NewGuid().ToString("D"));
        }
        else
        {
            reply = Handler(recorded);
        }

        await WriteAsync(context.Response, reply);
    }

    private static async Task WriteAsync(HttpListenerResponse response, FakeReply reply)
    {
        if (reply.DropConnection)
        {
            // The connection dies mid-response: headers promise a body that never arrives.
            response.StatusCode = 200;
            response.ContentType = "application/json";
            response.ContentLength64 = 4096;
            await response.OutputStream.WriteAsync("{\"resultSetMe"u8.ToArray());
            await response.OutputStream.FlushAsync();
            response.Abort();
            return;
        }

        response.StatusCode = reply.Status;
        foreach (var (name, value) in reply.Headers)
            response.AddHeader(name, value);
        var bytes = Encoding.UTF8.GetBytes(reply.Body);
        if (reply.Gzip)
        {
            using var zipped = new MemoryStream();
            using (var gzip = new GZipStream(zipped, CompressionLevel.Fastest, leaveOpen: true))
                gzip.Write(bytes);
            bytes = zipped.ToArray();
            response.AddHeader("Content-Encoding", "gzip");
        }

        response.ContentType = "application/json";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }
}
