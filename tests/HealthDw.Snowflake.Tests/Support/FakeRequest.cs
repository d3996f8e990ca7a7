using System.Text.Json;

namespace HealthDw.Snowflake.Tests.Support;

/// <summary>A request as the fake Snowflake server received it.</summary>
internal sealed record FakeRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Query,
    IReadOnlyDictionary<string, string> Headers,
    string Body)
{
    public string? QueryValue(string name) => Query.TryGetValue(name, out var value) ? value : null;

    public bool IsRetry => QueryValue("retry") == "true";

    public string? RequestId => QueryValue("requestId");

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public bool IsSubmit => Method == "POST" && Path == "/api/v2/statements";
}
