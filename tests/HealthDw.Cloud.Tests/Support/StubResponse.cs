using System.Text;

namespace HealthDw.Cloud.Tests.Support;

/// <summary>What the loopback server answers.</summary>
public sealed record StubResponse(int Status, byte[] Body, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static StubResponse Text(int status, string body, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, Encoding.UTF8.GetBytes(body), headers);
}
