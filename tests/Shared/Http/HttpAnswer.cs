namespace HealthDw.TestHttp;

/// <summary>
/// What <see cref="TcpHttpServer"/> sends back. Content-Length is the body's length unless a header sets it; for a HEAD
/// request it is <see cref="HeadLength"/>. <see cref="DeclaredLength"/> with <see cref="CutAfter"/> makes a response that
/// promises more than it sends, then closes the connection (a connection that dies mid-response).
/// </summary>
public sealed record HttpAnswer(int Status, byte[] Body, IReadOnlyList<KeyValuePair<string, string>> Headers)
{
    public long? HeadLength { get; init; }

    public long? DeclaredLength { get; init; }

    public int? CutAfter { get; init; }
}
