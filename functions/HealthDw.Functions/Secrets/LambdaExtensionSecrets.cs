using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using HealthDw.Core.Ports;
using HealthDw.Functions.Runtime;

namespace HealthDw.Functions.Secrets;

/// <summary>
/// Secrets Manager through the AWS Parameters and Secrets Lambda Extension: a GET to
/// <c>localhost:2773/secretsmanager/get?secretId=…</c> (port from
/// <c>PARAMETERS_SECRETS_EXTENSION_HTTP_PORT</c>) authorised by the function's session token in
/// <c>X-Aws-Parameters-Secrets-Token</c>. Values are cached per id for the life of the process
/// (the extension keeps its own TTL cache; a rotated secret needs a new execution environment).
/// A missing secret (404, or 400 carrying Secrets Manager's ResourceNotFoundException) raises
/// <see cref="SecretNotFoundException"/>; anything else <see cref="SecretUnavailableException"/>.
/// </summary>
public sealed class LambdaExtensionSecrets(HttpClient http, IEnvironmentVariables environment) : ISecrets
{
    public const string PortVariable = "PARAMETERS_SECRETS_EXTENSION_HTTP_PORT";
    public const string TokenVariable = "AWS_SESSION_TOKEN";
    public const string TokenHeader = "X-Aws-Parameters-Secrets-Token";
    public const int DefaultPort = 2773;

    private readonly ConcurrentDictionary<string, string> _cache = new(StringComparer.Ordinal);

    public async Task<string> GetAsync(string secretId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(secretId);
        if (_cache.TryGetValue(secretId, out var cached)) return cached;
        var value = await FetchAsync(secretId, ct);
        return _cache.GetOrAdd(secretId, value);
    }

    private async Task<string> FetchAsync(string secretId, CancellationToken ct)
    {
        var token = environment.Get(TokenVariable)
            ?? throw new SecretUnavailableException(secretId, $"{TokenVariable} is not set, and the extension requires it");
        var port = Port();
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
            throw new SecretUnavailableException(secretId, $"the extension on localhost:{port} did not answer ({e.HttpRequestError})");
        }

        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            if (IsNotFound(response.StatusCode, body))
                throw new SecretNotFoundException(secretId, $"Secrets Manager, through the extension on localhost:{port}");
            if (!response.IsSuccessStatusCode)
                throw new SecretUnavailableException(secretId, $"the extension answered {(int)response.StatusCode} {response.StatusCode}");
            return Parse(secretId, body);
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
