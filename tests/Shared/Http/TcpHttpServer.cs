using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace HealthDw.TestHttp;

/// <summary>
/// A minimal HTTP/1.1 server for tests on a <see cref="TcpListener"/> bound to 127.0.0.1 port 0: the OS picks a port no
/// one holds, and the server reads it back. HttpListener cannot do this on Linux (it needs a port in its prefix), so test
/// servers built on it probed port ranges, and six test processes running at once could collide on a port, at start or
/// when HttpListener re-binds on Close. Requests on one connection are served in turn (keep-alive); connections run in
/// parallel. Bodies: Content-Length or chunked; "Expect: 100-continue" is answered.
/// </summary>
public sealed class TcpHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<HttpExchange, CancellationToken, Task<HttpAnswer>> _respond;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _connections = [];
    private readonly Task _acceptLoop;

    public TcpHttpServer(Func<HttpExchange, CancellationToken, Task<HttpAnswer>> respond)
    {
        _respond = respond;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptAsync();
    }

    /// <summary>The port the OS gave the listener.</summary>
    public int Port { get; }

    public Uri BaseUri => new($"http://127.0.0.1:{Port}/");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        lock (_connections)
        {
            foreach (var connection in _connections) connection.Dispose();
            _connections.Clear();
        }

        try
        {
            await _acceptLoop;
        }
        catch (Exception e) when (e is ObjectDisposedException or SocketException or OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException or OperationCanceledException or InvalidOperationException)
            {
                return;
            }

            lock (_connections)
            {
                if (_stop.IsCancellationRequested)
                {
                    client.Dispose();
                    return;
                }

                _connections.Add(client);
            }

            _ = Task.Run(() => ServeConnectionAsync(client));
        }
    }

    private async Task ServeConnectionAsync(TcpClient client)
    {
        try
        {
            client.NoDelay = true;
            var stream = client.GetStream();
            var reader = new BufferedReader(stream);
            while (!_stop.IsCancellationRequested)
            {
                var exchange = await ReadRequestAsync(reader, stream, _stop.Token);
                if (exchange is null) return; // the client closed the connection
                var answer = await _respond(exchange, _stop.Token);
                var head = exchange.Method == "HEAD";
                await WriteAsync(stream, answer, head, _stop.Token);
                if (answer.CutAfter is not null) return;
                if (string.Equals(exchange.Header("Connection"), "close", StringComparison.OrdinalIgnoreCase)) return;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidDataException)
        {
            // The client went away, or the server stopped: nothing to answer.
        }
        finally
        {
            lock (_connections) _connections.Remove(client);
            client.Dispose();
        }
    }

    private static async Task<HttpExchange?> ReadRequestAsync(BufferedReader reader, NetworkStream stream, CancellationToken ct)
    {
        var requestLine = await reader.ReadLineAsync(ct);
        if (requestLine is null) return null;
        var parts = requestLine.Split(' ');
        if (parts.Length != 3) throw new InvalidDataException("bad request line");
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (await reader.ReadLineAsync(ct) is { Length: > 0 } line)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) throw new InvalidDataException("bad header line");
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            headers[name] = headers.TryGetValue(name, out var earlier) ? earlier + "," + value : value;
        }

        if (headers.TryGetValue("Expect", out var expect) && expect.Equals("100-continue", StringComparison.OrdinalIgnoreCase))
            await stream.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(), ct);

        byte[] body;
        if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            using var collected = new MemoryStream();
            while (true)
            {
                var sizeLine = await reader.ReadLineAsync(ct) ?? throw new InvalidDataException("chunk size expected");
                var size = int.Parse(sizeLine.Split(';')[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                if (size == 0)
                {
                    while (await reader.ReadLineAsync(ct) is { Length: > 0 })
                    {
                        // trailers: not used by any client these tests drive
                    }

                    break;
                }

                collected.Write(await reader.ReadExactlyAsync(size, ct));
                await reader.ReadLineAsync(ct); // the CRLF after each chunk
            }

            body = collected.ToArray();
        }
        else
        {
            var length = headers.TryGetValue("Content-Length", out var declared) ? long.Parse(declared, CultureInfo.InvariantCulture) : 0;
            body = await reader.ReadExactlyAsync(checked((int)length), ct);
        }

        var target = parts[1];
        var question = target.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? target : target[..question];
        var query = question < 0 ? "" : target[question..];
        return new HttpExchange(parts[0], target, path, query, headers, body);
    }

    private static async Task WriteAsync(NetworkStream stream, HttpAnswer answer, bool head, CancellationToken ct)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {answer.Status} {ReasonPhrase(answer.Status)}\r\n");
        var hasLength = false;
        foreach (var (name, value) in answer.Headers)
        {
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) hasLength = true;
            text.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        if (!hasLength)
        {
            var length = head ? answer.HeadLength ?? 0 : answer.DeclaredLength ?? answer.Body.Length;
            text.Append(CultureInfo.InvariantCulture, $"Content-Length: {length}\r\n");
        }

        text.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text.ToString()), ct);
        if (!head && answer.Status is not (204 or 304))
        {
            var body = answer.CutAfter is { } cut ? answer.Body.AsMemory(0, Math.Min(cut, answer.Body.Length)) : answer.Body;
            await stream.WriteAsync(body, ct);
        }

        await stream.FlushAsync(ct);
    }

    private static string ReasonPhrase(int status) => status switch
    {
        200 => "OK",
        202 => "Accepted",
        204 => "No Content",
        206 => "Partial Content",
        304 => "Not Modified",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        412 => "Precondition Failed",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        503 => "Service Unavailable",
        _ => "Status",
    };

    /// <summary>Reads CRLF-terminated lines and exact byte counts from one connection.</summary>
    private sealed class BufferedReader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[64 * 1024];
        private int _start;
        private int _end;

        public async Task<string?> ReadLineAsync(CancellationToken ct)
        {
            var line = new List<byte>();
            while (true)
            {
                if (_start == _end && !await FillAsync(ct)) return line.Count == 0 ? null : throw new InvalidDataException("connection closed mid-line");
                var b = _buffer[_start++];
                if (b == '\n')
                {
                    if (line.Count > 0 && line[^1] == '\r') line.RemoveAt(line.Count - 1);
                    return Encoding.Latin1.GetString([.. line]);
                }

                line.Add(b);
            }
        }

        public async Task<byte[]> ReadExactlyAsync(int count, CancellationToken ct)
        {
            var result = new byte[count];
            var filled = 0;
            while (filled < count)
            {
                if (_start == _end && !await FillAsync(ct)) throw new InvalidDataException("connection closed mid-body");
                var take = Math.Min(count - filled, _end - _start);
                Buffer.BlockCopy(_buffer, _start, result, filled, take);
                _start += take;
                filled += take;
            }

            return result;
        }

        private async Task<bool> FillAsync(CancellationToken ct)
        {
            _start = 0;
            _end = await stream.ReadAsync(_buffer, ct);
            return _end > 0;
        }
    }
}
