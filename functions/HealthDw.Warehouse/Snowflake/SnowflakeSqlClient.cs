using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using HealthDw.Core.Ports;
using HealthDw.Warehouse.Snowflake.Auth;

namespace HealthDw.Warehouse.Snowflake;

/// <summary>
/// A client of the Snowflake SQL API v2 (<c>/api/v2/statements</c>) with key-pair JWT authentication.
/// <list type="bullet">
/// <item><see cref="SubmitAsync"/> posts a statement with <c>async=true</c> and a <c>requestId</c>, and returns the result
/// if Snowflake already has it, or the statement handle (for a Step Functions Wait/Choice loop).</item>
/// <item><see cref="GetStatusAsync"/> checks a handle once; <see cref="ExecuteAsync"/> submits and polls with backoff.</item>
/// <item>A finished result is complete: further partitions (<c>?partition=n</c>) and, for a multi-statement request,
/// each child statement (<c>statementHandles</c>) are fetched.</item>
/// <item>429 and 5xx are retried with jittered backoff (honouring Retry-After), lost responses too, up to
/// <see cref="SnowflakeOptions.MaxAttempts"/>; a resubmitted POST keeps its <c>requestId</c> and adds <c>retry=true</c>, so
/// Snowflake does not run a statement twice. Then <see cref="SnowflakeTransientException"/>.</item>
/// <item>422 is a <see cref="SnowflakeSqlException"/>, 401/403 a <see cref="SnowflakeAuthenticationException"/>.</item>
/// </list>
/// Give it an HttpClient whose handler decompresses gzip (partitions come gzip-encoded); it decompresses itself when
/// the handler does not.
/// </summary>
public sealed partial class SnowflakeSqlClient
{
    private const string StatementsPath = "api/v2/statements";
    private const string JsonMediaType = "application/json";

    private readonly HttpClient _http;
    private readonly SnowflakeOptions _options;
    private readonly SnowflakeJwtIssuer _tokens;
    private readonly IClock _clock;
    private readonly IDelay _delay;
    private readonly Uri _base;
    private readonly IReadOnlyList<(string Field, SnowflakeIdentifier Name)> _context;

    public SnowflakeSqlClient(HttpClient http, SnowflakeOptions options, SnowflakeJwtIssuer tokens, IClock clock, IDelay delay)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(delay);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1, nameof(options));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.UserAgent, nameof(options));
        _http = http;
        _options = options;
        _tokens = tokens;
        _clock = clock;
        _delay = delay;
        _context = options.Context(); // a name that is not a legal identifier fails here, at set-up, not at the first request
        var url = options.AccountUrl.AbsoluteUri;
        _base = new Uri(url.EndsWith('/') ? url : url + "/");
    }

    /// <summary>
    /// <c>POST /api/v2/statements?requestId=..&amp;async=true</c>. Returns the finished result (200) or the handle of the
    /// running statement (202). Throws <see cref="SnowflakeSqlException"/> (422) and <see cref="SnowflakeTransientException"/>.
    /// </summary>
    public async Task<SnowflakeStatementStatus> SubmitAsync(SnowflakeStatement statement, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(statement);
        statement.Validate();
        var requestId = statement.RequestId ?? _clock.NewId();
        var body = SnowflakeRequestBody.Write(statement, _options, _context);
        var call = new Call("submit", requestId, null);
        using var reply = await SendAsync(call, resubmission =>
        {
            var retry = resubmission || statement.IsResubmission ? "&retry=true" : "";
            var request = new HttpRequestMessage(HttpMethod.Post, Relative($"{StatementsPath}?requestId={requestId:D}&async=true{retry}"))
            {
                Content = new ByteArrayContent(body),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(JsonMediaType);
            return request;
        }, ct);
        var status = await ReadStatusAsync(reply, call, ct);
        return status with { RequestId = requestId };
    }

    /// <summary><c>GET /api/v2/statements/{handle}</c>, once: the finished result, or still running.</summary>
    public async Task<SnowflakeStatementStatus> GetStatusAsync(string statementHandle, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(statementHandle);
        var call = new Call("status", null, statementHandle);
        using var reply = await SendAsync(call, _ => new HttpRequestMessage(HttpMethod.Get, StatementUri(statementHandle)), ct);
        return await ReadStatusAsync(reply, call, ct);
    }

    /// <summary>Submits, then polls with backoff until the statement finishes or <see cref="SnowflakeOptions.PollTimeout"/> passes.</summary>
    public async Task<SnowflakeResult> ExecuteAsync(SnowflakeStatement statement, CancellationToken ct)
    {
        var status = await SubmitAsync(statement, ct);
        return status.Result ?? await PollAsync(status.StatementHandle, status.RequestId, ct);
    }

    /// <summary><c>POST /api/v2/statements/{handle}/cancel</c>.</summary>
    public async Task CancelAsync(string statementHandle, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(statementHandle);
        var call = new Call("cancel", null, statementHandle);
        using var reply = await SendAsync(call, _ =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, Relative(StatementPath(statementHandle) + "/cancel"))
            {
                Content = new ByteArrayContent([]),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(JsonMediaType);
            return request;
        }, ct);
        if (reply.Status == 422)
            throw Failure(reply.Body, call);
        if (reply.Status != 200)
            throw Unexpected(reply.Status, call);
    }

    private async Task<SnowflakeResult> PollAsync(string handle, Guid? requestId, CancellationToken ct)
    {
        var timeout = _options.EffectivePollTimeout;
        var deadline = _clock.Now + timeout;
        var wait = _options.PollInitialDelay;
        while (true)
        {
            if (_clock.Now + wait > deadline)
                throw new SnowflakeTransientException(
                    SnowflakeTransientReason.StillRunning,
                    $"Snowflake statement {handle} was still running after {timeout}; poll its handle again or cancel it.",
                    statementHandle: handle, requestId: requestId);
            await _delay.DelayAsync(wait, ct);
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, _options.PollMaxDelay.Ticks));
            var status = await GetStatusAsync(handle, ct);
            if (status.Result is { } result)
                return result;
        }
    }

    private async Task<SnowflakeStatementStatus> ReadStatusAsync(SnowflakeReply reply, Call call, CancellationToken ct)
    {
        switch (reply.Status)
        {
            case 200:
                var page = SnowflakeResponseReader.ReadResultSet(reply.Body);
                return new SnowflakeStatementStatus(page.StatementHandle, await AssembleAsync(page, ct));
            case 202:
                var handle = SnowflakeResponseReader.String(reply.Body, "statementHandle") ?? call.Handle
                    ?? throw new SnowflakeRequestException(202, null, "The Snowflake SQL API answered 202 without a statementHandle.");
                return new SnowflakeStatementStatus(handle, null);
            case 408:
                var timedOut = SnowflakeResponseReader.String(reply.Body, "statementHandle") ?? call.Handle;
                throw new SnowflakeTransientException(
                    SnowflakeTransientReason.StatementTimeout,
                    $"Snowflake statement {timedOut ?? "(no handle)"} ran past its timeout and Snowflake cancelled it (HTTP 408).",
                    408, timedOut, call.RequestId);
            default:
                throw Failure(reply.Body, call);
        }
    }

    private async Task<SnowflakeResult> AssembleAsync(SnowflakeResultPage page, CancellationToken ct)
    {
        var children = new List<SnowflakeResult>(page.ChildHandles.Count);
        foreach (var child in page.ChildHandles)
        {
            var status = await GetStatusAsync(child, ct);
            children.Add(status.Result ?? await PollAsync(child, null, ct));
        }

        var rows = page.Rows;
        if (page.ChildHandles.Count == 0)
        {
            for (var partition = 1; partition < page.PartitionCount; partition++)
                rows.AddRange(await FetchPartitionAsync(page.StatementHandle, partition, ct));
        }

        return new SnowflakeResult
        {
            StatementHandle = page.StatementHandle,
            Columns = page.Columns,
            Rows = rows,
            NumRows = page.NumRows,
            Stats = page.Stats,
            Statements = children,
            Code = page.Code,
            SqlState = page.SqlState,
        };
    }

    private async Task<List<string?[]>> FetchPartitionAsync(string handle, int partition, CancellationToken ct)
    {
        var call = new Call($"partition {partition}", null, handle);
        using var reply = await SendAsync(
            call, _ => new HttpRequestMessage(HttpMethod.Get, Relative($"{StatementPath(handle)}?partition={partition}")), ct);
        return reply.Status switch
        {
            200 => SnowflakeResponseReader.ReadPartition(reply.Body),
            422 => throw Failure(reply.Body, call),
            _ => throw Unexpected(reply.Status, call),
        };
    }

    /// <summary>Sends with authentication, retrying 429/5xx/lost responses; returns 200, 202, 408 and 422 with their bodies.</summary>
    private async Task<SnowflakeReply> SendAsync(Call call, Func<bool, HttpRequestMessage> build, CancellationToken ct)
    {
        var tokenRefreshed = false;
        for (var attempt = 1; ; attempt++)
        {
            int status;
            TimeSpan? retryAfter;
            JsonDocument? body;
            try
            {
                using var request = build(attempt > 1);
                Authorize(request);
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
                status = (int)response.StatusCode;
                retryAfter = RetryAfter(response);
                body = await ReadBodyAsync(response, ct);
            }
            catch (Exception e) when (IsLostResponse(e, ct))
            {
                if (attempt >= _options.MaxAttempts)
                    throw new SnowflakeTransientException(
                        SnowflakeTransientReason.NetworkFailure,
                        $"No response from the Snowflake SQL API to the {call.Operation} request after {attempt} attempts ({e.GetType().Name}).",
                        null, call.Handle, call.RequestId, e);
                await _delay.DelayAsync(SnowflakeBackoff.Next(attempt, _options.RetryBaseDelay, _options.RetryMaxDelay), ct);
                continue;
            }

            if (status is 200 or 202 or 408 or 422)
                return new SnowflakeReply(status, body);

            using (body)
            {
                var root = body?.RootElement ?? default;
                var code = SnowflakeResponseReader.String(root, "code");
                var message = SnowflakeResponseReader.String(root, "message");
                if (status == 401 && !tokenRefreshed)
                {
                    // "The application must obtain a new access token for retry."
                    tokenRefreshed = true;
                    _tokens.Invalidate();
                    attempt--;
                    continue;
                }

                if (status is 401 or 403)
                    throw Authentication(status, code, message);
                if (status == 429 || IsRetryableServerError(status))
                {
                    var reason = status == 429 ? SnowflakeTransientReason.RateLimited : SnowflakeTransientReason.ServerError;
                    if (retryAfter is { } asked && asked > _options.RetryAfterLimit)
                        throw new SnowflakeTransientException(
                            SnowflakeTransientReason.RetryAfterTooLong,
                            $"The Snowflake SQL API asked to retry the {call.Operation} request after {asked} (HTTP {status}); the client waits at most {_options.RetryAfterLimit}.",
                            status, call.Handle, call.RequestId);
                    if (attempt >= _options.MaxAttempts)
                        throw new SnowflakeTransientException(
                            reason,
                            $"The Snowflake SQL API answered HTTP {status}{CodeText(code)} to the {call.Operation} request {attempt} times.",
                            status, call.Handle, call.RequestId);
                    await _delay.DelayAsync(retryAfter ?? SnowflakeBackoff.Next(attempt, _options.RetryBaseDelay, _options.RetryMaxDelay), ct);
                    continue;
                }

                throw new SnowflakeRequestException(
                    status, code,
                    $"The Snowflake SQL API refused the {call.Operation} request: HTTP {status}{CodeText(code)}: {SnowflakeErrorSanitizer.RuleText(null, message)}");
            }
        }
    }

    private void Authorize(HttpRequestMessage request)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _tokens.GetToken());
        request.Headers.Add("X-Snowflake-Authorization-Token-Type", "KEYPAIR_JWT");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(JsonMediaType));
        request.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
            return delta;
        if (header?.Date is { } date)
            return date > _clock.Now ? date - _clock.Now : TimeSpan.Zero;
        return null;
    }

    /// <summary>Partitions come with <c>Content-Encoding: gzip</c>; a handler without automatic decompression leaves the header in place.</summary>
    private static async Task<JsonDocument?> ReadBodyAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        if (response.Content.Headers.ContentEncoding.Contains("gzip", StringComparer.OrdinalIgnoreCase))
        {
            using var unzipped = new MemoryStream();
            await using (var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress))
                await gzip.CopyToAsync(unzipped, ct);
            bytes = unzipped.ToArray();
        }

        if (bytes.Length == 0)
            return null;
        try
        {
            return JsonDocument.Parse(bytes);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsLostResponse(Exception e, CancellationToken ct) =>
        !ct.IsCancellationRequested && e is HttpRequestException or IOException or OperationCanceledException;

    /// <summary>500, 502, 503, 504 and the like; not 501 (not implemented) nor 522 (invalid SSL certificate).</summary>
    private static bool IsRetryableServerError(int status) => status is >= 500 and <= 599 and not 501 and not 522;

    private SnowflakeAuthenticationException Authentication(int status, string? code, string? message)
    {
        var detail = $"HTTP {status}{CodeText(code)}" + (string.IsNullOrWhiteSpace(message) ? "" : ": " + ScrubCredentials(message));
        return status == 401
            ? new SnowflakeAuthenticationException(status, code,
                $"Snowflake refused the key-pair JWT for {_tokens.QualifiedUser} ({detail}). Check that the public key with fingerprint " +
                $"{_tokens.PublicKeyFingerprint} is assigned to the user (DESCRIBE USER shows RSA_PUBLIC_KEY_FP), that the account " +
                "identifier is right, and that this machine's clock is correct.")
            : new SnowflakeAuthenticationException(status, code,
                $"Snowflake forbade the SQL API request for {_tokens.QualifiedUser} ({detail}). Check that the SQL API is enabled " +
                "for the account and that no network policy blocks this client.");
    }

    /// <summary>Snowflake may echo part of a rejected token: drop anything token-like.</summary>
    private string ScrubCredentials(string message)
    {
        var scrubbed = message.Replace(_tokens.GetToken(), "[token]", StringComparison.Ordinal);
        return SnowflakeErrorSanitizer.RuleText(null, TokenLike().Replace(scrubbed, "[redacted]"));
    }

    private static SnowflakeSqlException Failure(JsonElement body, Call call) => new(
        SnowflakeResponseReader.String(body, "code") ?? "unknown",
        SnowflakeResponseReader.String(body, "sqlState"),
        SnowflakeResponseReader.String(body, "statementHandle") ?? call.Handle,
        SnowflakeResponseReader.String(body, "message"));

    private static SnowflakeRequestException Unexpected(int status, Call call) =>
        new(status, null, $"The Snowflake SQL API answered HTTP {status} to the {call.Operation} request for statement {call.Handle}.");

    private static string CodeText(string? code) => string.IsNullOrEmpty(code) ? "" : $", code {code}";

    private Uri StatementUri(string handle) => Relative(StatementPath(handle));

    private static string StatementPath(string handle) => StatementsPath + "/" + Uri.EscapeDataString(handle);

    private Uri Relative(string pathAndQuery) => new(_base, pathAndQuery);

    [GeneratedRegex(@"[A-Za-z0-9_\-+/=]{16,}(?:\.[A-Za-z0-9_\-+/=]+)*", RegexOptions.CultureInvariant)]
    private static partial Regex TokenLike();

    private sealed record Call(string Operation, Guid? RequestId, string? Handle);
}
