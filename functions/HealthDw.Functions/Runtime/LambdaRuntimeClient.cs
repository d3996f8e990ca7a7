using System.Globalization;
using System.Net.Http.Headers;

namespace HealthDw.Functions.Runtime;

/// <summary>
/// The documented Lambda Runtime API (version 2018-06-01) at <c>AWS_LAMBDA_RUNTIME_API</c>:
/// next invocation, invocation response, invocation error and init error.
/// </summary>
public sealed class LambdaRuntimeClient
{
    public const string RuntimeApiVariable = "AWS_LAMBDA_RUNTIME_API";
    private const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";

    private readonly HttpClient _http;
    private readonly Uri _base;

    /// <param name="http">Sent to the Runtime API only. Its Timeout must be infinite: "next" waits, frozen, until an event comes.</param>
    /// <param name="runtimeApi">host:port, as in <c>AWS_LAMBDA_RUNTIME_API</c>.</param>
    public LambdaRuntimeClient(HttpClient http, string runtimeApi)
    {
        ArgumentException.ThrowIfNullOrEmpty(runtimeApi);
        _http = http;
        _base = new Uri($"http://{runtimeApi}/2018-06-01/runtime/");
    }

    /// <summary>A client for the Runtime API the environment names, with its own HttpClient.</summary>
    public static LambdaRuntimeClient FromEnvironment(IEnvironmentVariables environment) =>
        new(new HttpClient { Timeout = Timeout.InfiniteTimeSpan },
            environment.Get(RuntimeApiVariable)
            ?? throw new InvalidOperationException($"{RuntimeApiVariable} is not set: this process is not running on Lambda"));

    public async Task<LambdaInvocation> NextAsync(CancellationToken ct)
    {
        using var response = await _http.GetAsync(new Uri(_base, "invocation/next"), ct);
        await EnsureAcceptedAsync(response, "next invocation", ct);
        var headers = response.Headers;
        var requestId = Header(headers, "Lambda-Runtime-Aws-Request-Id")
            ?? throw new LambdaRuntimeApiException("next invocation: Lambda-Runtime-Aws-Request-Id is missing");
        var deadlineText = Header(headers, "Lambda-Runtime-Deadline-Ms");
        if (!long.TryParse(deadlineText, NumberStyles.None, CultureInfo.InvariantCulture, out var deadlineMs))
            throw new LambdaRuntimeApiException($"next invocation {requestId}: Lambda-Runtime-Deadline-Ms is not a number of milliseconds");
        var context = new InvocationContext(requestId, DateTimeOffset.FromUnixTimeMilliseconds(deadlineMs),
            Header(headers, "Lambda-Runtime-Invoked-Function-Arn") ?? "", Header(headers, "Lambda-Runtime-Trace-Id"));
        return new LambdaInvocation(context, await response.Content.ReadAsByteArrayAsync(ct));
    }

    public async Task PostResponseAsync(string requestId, byte[] body, CancellationToken ct)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync(InvocationUri(requestId, "response"), content, ct);
        await EnsureAcceptedAsync(response, $"response to {requestId}", ct);
    }

    public Task PostErrorAsync(string requestId, RuntimeError error, CancellationToken ct) =>
        PostErrorAsync(InvocationUri(requestId, "error"), error, $"error of {requestId}", ct);

    public Task PostInitErrorAsync(RuntimeError error, CancellationToken ct) =>
        PostErrorAsync(new Uri(_base, "init/error"), error, "init error", ct);

    private async Task PostErrorAsync(Uri uri, RuntimeError error, string what, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(error.ToJson()) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation(ErrorTypeHeader, error.ErrorType);
        using var response = await _http.SendAsync(request, ct);
        await EnsureAcceptedAsync(response, what, ct);
    }

    private Uri InvocationUri(string requestId, string action) =>
        new(_base, $"invocation/{Uri.EscapeDataString(requestId)}/{action}");

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static async Task EnsureAcceptedAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        // The Runtime API's error bodies are {"errorMessage","errorType"} about the request, never about payloads.
        var detail = await response.Content.ReadAsStringAsync(ct);
        throw new LambdaRuntimeApiException(
            $"{what}: the Runtime API answered {(int)response.StatusCode} {response.StatusCode} {Shorten(detail)}".TrimEnd(),
            (int)response.StatusCode);
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
