using System.Collections.Concurrent;
using System.Text.Json;
using System.Web;
using HealthDw.Cloud.Tests.Support;
using HealthDw.Functions.Secrets;

namespace HealthDw.Cloud.Tests.Secrets;

/// <summary>
/// Plays the Parameters and Secrets extension on localhost: GET /secretsmanager/get?secretId=…
/// answers GetSecretValue's JSON when the token header is right, 401 when it is not, and 400 with
/// Secrets Manager's ResourceNotFoundException for an unknown id.
/// </summary>
public sealed class SecretsExtensionStub : IAsyncDisposable
{
    public const string Token = "IQoJb3JpZ2luX2VjEXAMPLE-session-token";

    private readonly ConcurrentDictionary<string, string> _secrets = new(StringComparer.Ordinal);
    private readonly LoopbackHttpServer _server;

    public SecretsExtensionStub(Func<RecordedRequest, StubResponse?>? overrideResponse = null)
    {
        _server = new LoopbackHttpServer((request, _) => Task.FromResult(overrideResponse?.Invoke(request) ?? Respond(request)), "localhost");
    }

    public int Port => _server.Port;

    public IReadOnlyList<RecordedRequest> Requests => _server.Requests;

    public FakeEnvironment Environment(string token = Token) =>
        new((LambdaExtensionSecrets.TokenVariable, token), (LambdaExtensionSecrets.PortVariable, Port.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public void Add(string secretId, string value) => _secrets[secretId] = value;

    public static string? SecretIdOf(RecordedRequest request) => HttpUtility.ParseQueryString(request.Query)["secretId"];

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private StubResponse Respond(RecordedRequest request)
    {
        if (request.Path != "/secretsmanager/get") return StubResponse.Text(404, "not found");
        if (request.Header(LambdaExtensionSecrets.TokenHeader) != Token) return StubResponse.Text(401, "Unauthorized");
        var id = SecretIdOf(request) ?? "";
        if (!_secrets.TryGetValue(id, out var value))
            return StubResponse.Text(400, "ResourceNotFoundException: Secrets Manager can't find the specified secret.");
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["ARN"] = $"arn:aws:secretsmanager:eu-west-1:123456789012:secret:{id}-AbCdEf",
            ["Name"] = id,
            ["VersionId"] = "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111",
            ["SecretString"] = value,
            ["VersionStages"] = new[] { "AWSCURRENT" },
            ["CreatedDate"] = "2026-11-21T02:00:00Z",
        });
        return StubResponse.Text(200, body);
    }
}
