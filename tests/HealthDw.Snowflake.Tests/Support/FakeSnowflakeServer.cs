using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using HealthDw.Snowflake.Tests.Emulator;
using HealthDw.TestHttp;

namespace HealthDw.Snowflake.Tests.Support;

/// <summary>
/// A stand-in for the SQL API on a loopback port the OS picked (<see cref="TcpHttpServer"/>). Every request is recorded and its JWT
/// verified (signature with the user's public key, iss, sub, exp, token-type header); a request that fails
/// verification gets 401 and is listed in <see cref="AuthFailures"/>. A statement request whose role, warehouse, database or
/// schema names no object of <see cref="Account"/> as stored is refused next (<see cref="EmulatedAccount.RefuseContext"/>:
/// the SQL API's context fields are case-sensitive). Otherwise <see cref="Handler"/> answers.
/// Requests are served concurrently (one client sends one at a time; several clients may overlap), so a handler must be
/// safe to call from several threads.
/// </summary>
internal sealed class FakeSnowflakeServer : IAsyncDisposable
{
    private readonly TcpHttpServer _server;
    private readonly JwtVerifier _verifier;
    private readonly Func<DateTimeOffset> _now;
    private readonly ConcurrentQueue<FakeRequest> _requests = new();
    private readonly ConcurrentQueue<string> _authFailures = new();

    private FakeSnowflakeServer(JwtVerifier verifier, Func<DateTimeOffset> now)
    {
        _verifier = verifier;
        _now = now;
        // Each request on its own, as Snowflake serves them: callers running at once (two loads of one file) overlap here.
        _server = new TcpHttpServer((exchange, _) => Task.FromResult(Handle(exchange)));
    }

    public Uri BaseUri => _server.BaseUri;

    public Func<FakeRequest, FakeReply> Handler { get; set; } =
        _ => new FakeReply(404, """{"code":"000000","message":"no handler"}""");

    /// <summary>The objects a request's context must name; null accepts any context (a test of something else entirely).</summary>
    public EmulatedAccount? Account { get; set; }

    public IReadOnlyList<FakeRequest> Requests => [.. _requests];

    public IReadOnlyList<FakeRequest> Submits => [.. _requests.Where(r => r.IsSubmit)];

    public IReadOnlyList<string> AuthFailures => [.. _authFailures];

    /// <summary>Starts on a loopback port the OS picks (port 0), so test processes running at once never collide.</summary>
    public static FakeSnowflakeServer Start(JwtVerifier verifier, Func<DateTimeOffset> now) => new(verifier, now);

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private HttpAnswer Handle(HttpExchange exchange)
    {
        var body = Encoding.UTF8.GetString(exchange.Body);
        var query = System.Web.HttpUtility.ParseQueryString(exchange.Query);
        var recorded = new FakeRequest(
            exchange.Method,
            exchange.Path,
            query.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => query[k]!, StringComparer.Ordinal),
            exchange.Headers.ToDictionary(StringComparer.OrdinalIgnoreCase),
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

        return Answer(reply);
    }

    private static HttpAnswer Answer(FakeReply reply)
    {
        if (reply.DropConnection)
        {
            // The connection dies mid-response: headers promise a body that never arrives.
            var partial = "{\"resultSetMe"u8.ToArray();
            return new HttpAnswer(200, partial, [new("Content-Type", "application/json")]) { DeclaredLength = 4096, CutAfter = partial.Length };
        }

        var headers = reply.Headers.Select(h => new KeyValuePair<string, string>(h.Key, h.Value)).ToList();
        var bytes = Encoding.UTF8.GetBytes(reply.Body);
        if (reply.Gzip)
        {
            using var zipped = new MemoryStream();
            using (var gzip = new GZipStream(zipped, CompressionLevel.Fastest, leaveOpen: true))
                gzip.Write(bytes);
            bytes = zipped.ToArray();
            headers.Add(new("Content-Encoding", "gzip"));
        }

        headers.Add(new("Content-Type", "application/json"));
        return new HttpAnswer(reply.Status, bytes, headers);
    }
}
