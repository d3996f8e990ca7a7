using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using HealthDw.Core.Ports;
using HealthDw.Functions.Runtime;

namespace HealthDw.Hosting.Secrets;

/// <summary>
/// Secrets Manager through the AWS Parameters and Secrets Lambda Extension: a GET to
/// <c>localhost:2773/secretsmanager/get?secretId=…</c> (port from
/// <c>PARAMETERS_SECRETS_EXTENSION_HTTP_PORT</c>) authorised by the function's session token in
/// <c>X-Aws-Parameters-Secrets-Token</c> ("Use AWS Secrets Manager secrets in AWS Lambda functions"). Values are cached per
/// id for <see cref="CacheFor"/>, the extension's own default TTL (<c>SECRETS_MANAGER_TTL</c>, 300 s), so a rotated secret
/// reaches a warm execution environment within minutes, as it would through the extension alone; a failure is never
/// cached.
/// <para>The extension starts beside the function and answers <c>400 not ready to serve traffic, please wait</c> until it
/// is; it can also answer a 5xx (Secrets Manager failed behind it) or not accept the connection yet. Those are retried here
/// with a bounded exponential backoff (<see cref="MaxAttempts"/> tries, <see cref="FirstRetryDelay"/> doubling); when they
/// run out the failure is a transient <see cref="SecretUnavailableException"/>, which the step reports as
/// <c>HealthDw.TransientError</c> for the state machine to retry. A missing secret (404, or 400 carrying Secrets Manager's
/// ResourceNotFoundException) raises <see cref="SecretNotFoundException"/>; a refused token or access (another 4xx) a
/// <see cref="SecretUnavailableException"/> that is not transient. Neither is retried.</para>
/// </summary>
/// <param name="delay">Waits between tries (<see cref="Task.Delay(TimeSpan, CancellationToken)"/> by default; tests record instead).</param>
/// <param name="now">The clock the cache ages by (the system's by default).</param>
public sealed class LambdaExtensionSecrets(HttpClient http, IEnvironmentVariables environment, Func<TimeSpan, CancellationToken, Task>? delay = null,
    Func<DateTimeOffset>? now = null)
    : ISecrets
{
    public const string PortVariable = "PARAMETERS_SECRETS_EXTENSION_HTTP_PORT";
    public const string TokenVariable = "AWS_SESSION_TOKEN";
    public const string TokenHeader = "X-Aws-Parameters-Secrets-Token";
    public const int DefaultPort = 2773;

    /// <summary>Tries per secret, the first included: with the delays below, about 3 s of waiting in all.</summary>
    public const int MaxAttempts = 5;

    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a value read is used before it is read again: the extension's default cache TTL.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(300);

    /// <summary>What the extension answers (with 400) before it is ready.</summary>
    private static ReadOnlySpan<byte> NotReady => "not ready to serve traffic"u8;

    private readonly ConcurrentDictionary<string, (string Value, DateTimeOffset ReadAt)> _cache = new(StringComparer.Ordinal);
    private readonly Func<TimeSpan, CancellationToken, Task> _delay = delay ?? Task.Delay;
    private readonly Func<DateTimeOffset> _now = now ?? (() => DateTimeOffset.UtcNow);

    public async Task<string> GetAsync(string secretId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(secretId);
        if (_cache.TryGetValue(secretId, out var cached) && _now() - cached.ReadAt < CacheFor) return cached.Value;
        var readAt = _now();
        var value = await FetchAsync(secretId, ct);
        _cache[secretId] = (value, readAt);
        return value;
    }

    private async Task<string> FetchAsync(string secretId, CancellationToken ct)
    {
        var token = environment.Get(TokenVariable)
            ?? throw new SecretUnavailableException(secretId, $"{TokenVariable} is not set, and the extension requires it");
        var port = Port();
        var wait = FirstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            var (value, retryable) = await TryFetchAsync(secretId, token, port, ct);
            if (value is not null) return value;
            if (attempt >= MaxAttempts)
                throw new SecretUnavailableException(secretId, $"{retryable}, {attempt} tries", isTransient: true);
            await _delay(wait, ct);
            wait *= 2;
        }
    }

    /// <returns>The value; or, for a failure worth another try, null and what it was.</returns>
    private async Task<(string? Value, string? Retryable)> TryFetchAsync(string secretId, string token, int port, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get,
            new Uri($"http://localhost:{port}/secretsmanager/get?secretId={Uri.EscapeDataString(secretId)}"));
        request.Headers.TryAddWithoutValidation(TokenHeader, token);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            return (null, $"the extension on localhost:{port} did not answer ({e.HttpRequestError})");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            // The HTTP client's own timeout: the extension hangs. Not waited out again here; the state machine retries.
            throw new SecretUnavailableException(secretId, $"the extension on localhost:{port} did not answer in time", isTransient: true);
        }

        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            var status = (int)response.StatusCode;
            if (response.StatusCode == HttpStatusCode.BadRequest && body.AsSpan().IndexOf(NotReady) >= 0)
                return (null, "the extension is not ready to serve traffic yet");
            if (status >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
                return (null, $"the extension answered {status} {response.StatusCode}");
            if (IsNotFound(response.StatusCode, body))
                throw new SecretNotFoundException(secretId, $"Secrets Manager, through the extension on localhost:{port}");
            if (!response.IsSuccessStatusCode)
                throw new SecretUnavailableException(secretId, $"the extension answered {status} {response.StatusCode}");
            return (Parse(secretId, body), null);
        }
    }

    private int Port() =>
        int.TryParse(environment.Get(PortVariable), out var port) && port is > 0 and <= 65535 ? port : DefaultPort;

    private static bool IsNotFound(HttpStatusCode status, byte[] body) =>
        status == HttpStatusCode.NotFound
        || (status == HttpStatusCode.BadRequest && body.AsSpan().IndexOf("ResourceNotFoundException"u8) >= 0);

    private static string Parse(string secretId, byte[] body)
    {
        try
        {
            return SecretStringReader.Read(body)
                ?? throw new SecretUnavailableException(secretId, "the response has no SecretString (binary secrets are not supported)");
        }
        catch (JsonException)
        {
            // Not rethrown or wrapped: JsonException's message can quote the body, which holds the value.
            throw new SecretUnavailableException(secretId, "the extension's response is not a JSON object");
        }
    }
}
