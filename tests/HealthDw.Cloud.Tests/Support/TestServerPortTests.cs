using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using HealthDw.Cloud.Tests.Storage.StrictS3;
using HealthDw.TestHttp;

namespace HealthDw.Cloud.Tests.Support;

/// <summary>
/// The six test projects run as parallel processes on one machine. A test server on a port it probed from a fixed range
/// (HttpListener cannot bind port 0) could collide with another process's, at start or when Linux's HttpListener re-binds
/// on Close (seen as "HttpListenerException: Address already in use" in FakeSnowflakeServer.DisposeAsync). Every test server
/// binds port 0 and reads back the port the OS gave it.
/// </summary>
public sealed partial class TestServerPortTests
{
    [Fact]
    public async Task Start_WhenTwoServersStartAtOnce_ShouldEachGetTheirOwnOsGivenPortAndAnswerOnIt()
    {
        await using var first = new LoopbackHttpServer((_, _) => Task.FromResult(StubResponse.Text(200, "first")));
        await using var second = new LoopbackHttpServer((_, _) => Task.FromResult(StubResponse.Text(200, "second")));
        using var s3 = new StrictS3Server();
        using var otherS3 = new StrictS3Server();

        new[] { first.Port, second.Port, s3.Port, otherS3.Port }.Should().OnlyHaveUniqueItems();
        // Port 0 makes the OS hand out a port from its ephemeral range (Linux: ip_local_port_range), never a test's own range.
        var (low, high) = EphemeralRange();
        new[] { first.Port, second.Port, s3.Port, otherS3.Port }.Should().AllSatisfy(port => port.Should().BeInRange(low, high));
        using var client = new HttpClient();
        (await client.GetStringAsync($"http://{first.HostAndPort}/")).Should().Be("first");
        (await client.GetStringAsync($"http://{second.HostAndPort}/")).Should().Be("second");
    }

    [Fact]
    public async Task Exchange_WhenTheClientSendsAChunkedBodyExpectingContinue_ShouldReadTheWholeBody()
    {
        HttpExchange? seen = null;
        await using var server = new TcpHttpServer((exchange, _) =>
        {
            seen = exchange;
            return Task.FromResult(new HttpAnswer(200, [], []));
        });
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(server.BaseUri, "a%20b/c?x=1"))
        {
            Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("hello, chunks"))),
        };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.ExpectContinue = true;

        using var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        seen!.Method.Should().Be("PUT");
        seen.RawTarget.Should().Be("/a%20b/c?x=1");
        seen.Query.Should().Be("?x=1");
        Encoding.UTF8.GetString(seen.Body).Should().Be("hello, chunks");
    }

    [Fact]
    public void TestSources_WhenScanned_ShouldHaveNoServerOnAProbedOrFixedPort()
    {
        var root = RepoPaths.Root();
        var offenders = Directory.EnumerateFiles(Path.Combine(root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !Segments(path).Any(s => s is "bin" or "obj" or "node_modules"))
            .Where(path => Path.GetFileName(path) != nameof(TestServerPortTests) + ".cs")
            .SelectMany(path => File.ReadLines(path).Select((line, i) => (path, line, number: i + 1)))
            .Where(x => ProbedOrFixedPort().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(root, x.path)}:{x.number}: {x.line.Trim()}")
            .ToList();

        offenders.Should().BeEmpty("a test server binds port 0 (TcpHttpServer) and reads back its port");
    }

    private static IEnumerable<string> Segments(string path) => path.Split(Path.DirectorySeparatorChar);

    private static (int Low, int High) EphemeralRange()
    {
        const string file = "/proc/sys/net/ipv4/ip_local_port_range";
        if (!File.Exists(file)) return (1024, 65535);
        var parts = File.ReadAllText(file).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>An HttpListener (it cannot bind port 0), a TcpListener on a port other than 0, or a port counter.</summary>
    [GeneratedRegex(@"new\s+HttpListener\s*\(|\bHttpListener\s+_|Prefixes\.Add\(|new\s+TcpListener\s*\([^,]+,(?!\s*0\s*\))|Interlocked\.Increment\(ref\s+_port\)")]
    private static partial Regex ProbedOrFixedPort();
}
