using System.Collections.Concurrent;
using System.Text.Json;
using System.Web;
using HealthDw.Cloud.Tests.Support;
using HealthDw.Hosting.Secrets;

namespace HealthDw.Cloud.Tests.Secrets;

/// <summary>
/// Plays the Parameters and Secrets extension on localhost: GET /secretsmanager/get?secretId=…
/// answers GetSecretValue's JSON when the token header is right, 401 when it is not, and 400 with
/// Secrets Manager's ResourceNotFoundException for an unknown id. Like the real one, it can be slow to start:
/// <see cref="NotReadyFor"/> makes its first calls answer 400 "not ready to serve traffic, please wait", what the extension
/// answers until it is ready ("Use AWS Secrets Manager secrets in AWS Lambda functions"; the text as the extension sends it),
/// and <see cref="FailFirst"/> any other answer (a 5xx); <see cref="HoldAnswers"/> keeps every answer until released.
/// </summary>
public sealed class SecretsExtensionStub : IAsyncDisposable
{
    public const string Token = "IQoJb3JpZ2luX2VjEXAMPLE-session-token";

    public static readonly StubResponse NotReadyAnswer = StubResponse.Text(400, "not ready to serve traffic, please wait");

    private readonly ConcurrentDictionary<string, string> _secrets = new(StringComparer.Ordinal);
    private readonly LoopbackHttpServer _server;
    private readonly Lock _gate = new();
    private int _failuresLeft;
    private StubResponse _failure = NotReadyAnswer;
    private TaskCompletionSource _release = Released();

    public SecretsExtensionStub(Func<RecordedRequest, StubResponse?>? overrideResponse = null)
    {
        _server = new LoopbackHttpServer(async (request, ct) =>
        {
            Task release;
            lock (_gate)
                release = _release.Task;
            await release.WaitAsync(ct);
            return NextFailure() ?? overrideResponse?.Invoke(request) ?? Respond(request);
        });
    }

    /// <summary>The next <paramref name="calls"/> calls answer "not ready to serve traffic", as the extension does while it starts.</summary>
    public void NotReadyFor(int calls) => FailFirst(calls, NotReadyAnswer);

    /// <summary>The next <paramref name="calls"/> calls get <paramref name="answer"/>; the calls after them are served.</summary>
    public void FailFirst(int calls, StubResponse answer)
    {
        lock (_gate)
            (_failuresLeft, _failure) = (calls, answer);
    }

    /// <summary>Every call waits, unanswered, until <see cref="ReleaseAnswers"/>.</summary>
    public void HoldAnswers()
    {
        lock (_gate)
            _release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void ReleaseAnswers()
    {
        lock (_gate)
            _release.TrySetResult();
    }

    /// <summary>Waits until <paramref name="count"/> calls have arrived.</summary>
    public Task WaitForCallsAsync(int count) => _server.WaitForAsync(_ => true, count);

    public int Port => _server.Port;

    public IReadOnlyList<RecordedRequest> Requests => _server.Requests;

    public FakeEnvironment Environment(string token = Token) =>
        new((LambdaExtensionSecrets.TokenVariable, token), (LambdaExtensionSecrets.PortVariable, Port.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public void Add(string secretId, string value) => _secrets[secretId] = value;

    public static string? SecretIdOf(RecordedRequest request) => HttpUtility.ParseQueryString(request.Query)["secretId"];

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private static TaskCompletionSource Released()
    {
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        released.SetResult();
        return released;
    }

    private StubResponse? NextFailure()
    {
        lock (_gate)
        {
            if (_failuresLeft <= 0) return null;
            _failuresLeft--;
            return _failure;
        }
    }

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
