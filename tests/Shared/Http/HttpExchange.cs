namespace HealthDw.TestHttp;

/// <summary>One request as <see cref="TcpHttpServer"/> read it: the raw target (path and query as sent), the path as sent
/// path, the raw query (with its '?', or empty), headers (case-insensitive; repeated ones joined by commas) and the body.</summary>
public sealed record HttpExchange(
    string Method,
    string RawTarget,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
