namespace HealthDw.Snowflake.Tests.Support;

/// <summary>What the fake server answers: a status and JSON body, optionally gzip-encoded, or a dropped connection.</summary>
internal sealed record FakeReply(int Status, string Body)
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public bool Gzip { get; init; }

    /// <summary>The connection dies mid-response: the client sees a lost response.</summary>
    public bool DropConnection { get; init; }

    public static FakeReply Lost() => new(0, "") { DropConnection = true };
}
