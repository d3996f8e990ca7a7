using System.Diagnostics;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using HealthDw.Cloud.Tests.Support;

namespace HealthDw.Cloud.Tests.Storage;

/// <summary>
/// One s3rver process for the S3 tests: patched (<see cref="S3rverPatch"/>), started with node on
/// 127.0.0.1 with port 0 (it prints the port it got) over a fresh temp folder with one bucket,
/// probed until it lists that bucket, and killed (with its folder) at the end.
/// </summary>
public sealed partial class S3rverFixture : IAsyncLifetime
{
    public const string BucketName = "healthdw-test";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly string _data = Path.Combine(Path.GetTempPath(), $"healthdw-s3rver-{Guid.NewGuid():N}");
    private Process? _process;

    public IAmazonS3 Client { get; private set; } = null!;

    public string ServiceUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var s3rver = Path.Combine(RepoPaths.Root(), "tests", "node_modules", "s3rver");
        var script = Path.Combine(s3rver, "bin", "s3rver.js");
        if (!File.Exists(script))
            throw new InvalidOperationException($"s3rver is not installed ({script} is missing): run ./test.sh, which runs `npm ci` in tests/");
        S3rverPatch.Apply(s3rver);
        Directory.CreateDirectory(_data);

        var port = await StartAsync(script);
        ServiceUrl = $"http://127.0.0.1:{port}";
        Client = new AmazonS3Client(new BasicAWSCredentials("S3RVER", "S3RVER"), new AmazonS3Config
        {
            ServiceURL = ServiceUrl,
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            Timeout = TimeSpan.FromSeconds(10),
            MaxErrorRetry = 1,
        });
        await WaitUntilAnsweringAsync();
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        if (Directory.Exists(_data)) Directory.Delete(_data, recursive: true);
    }

    private async Task<int> StartAsync(string script)
    {
        var start = new ProcessStartInfo("node")
        {
            // --openssl-legacy-provider: s3rver builds ListObjectsV2 continuation tokens with DES, which
            // OpenSSL 3 (node 17+) only offers through its legacy provider; without it every truncated
            // listing fails with InternalError.
            ArgumentList = { "--openssl-legacy-provider", script, "-d", _data, "-a", "127.0.0.1", "-p", "0", "--silent", "--configure-bucket", BucketName },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start node");
        var stderr = _process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            while (await _process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                var listening = ListeningLine().Match(line);
                if (!listening.Success) continue;
                _ = _process.StandardOutput.ReadToEndAsync(); // keep draining so s3rver never blocks on a full pipe
                return int.Parse(listening.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"s3rver did not start within {StartTimeout.TotalSeconds} s");
        }

        throw new InvalidOperationException($"s3rver exited before listening: {await stderr}");
    }

    private async Task WaitUntilAnsweringAsync()
    {
        var until = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            try
            {
                await Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = BucketName, MaxKeys = 1 });
                return;
            }
            catch (Exception e) when (e is AmazonServiceException or HttpRequestException && DateTime.UtcNow < until)
            {
                await Task.Delay(100);
            }
        }
    }

    [GeneratedRegex(@"S3rver listening on [^:]+:(\d+)")]
    private static partial Regex ListeningLine();
}
