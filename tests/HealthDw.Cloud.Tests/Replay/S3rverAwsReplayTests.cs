using System.Diagnostics;
using System.Text.RegularExpressions;
using Amazon.S3.Model;
using HealthDw.Cloud.Tests.Support;
using HealthDw.Cloud.Tests.Storage;
using HealthDw.Core.Ports;
using HealthDw.Storage.S3;

namespace HealthDw.Cloud.Tests.Replay;

/// <summary><c>replay --aws</c> against s3rver: each test gets a bucket of its own. One test runs the built CLI itself
/// (<c>healthdw replay --aws --bucket B</c>, the endpoint from <c>HEALTHDW_S3_ENDPOINT</c>, credentials from the SDK's chain).</summary>
[Collection(S3rverCollection.Name)]
public sealed class S3rverAwsReplayTests(S3rverFixture s3rver) : AwsReplayTests
{
    protected override async Task<IObjectStore> CreateStoreAsync()
    {
        var bucket = $"replay-{Guid.NewGuid():N}";
        await s3rver.Client.PutBucketAsync(new PutBucketRequest { BucketName = bucket });
        return new S3ObjectStore(s3rver.Client, bucket);
    }

    [Fact]
    public async Task Cli_WhenAwsReplayNamesALoadedFileWithoutOrigin_ShouldPrintOneErrorAndExitTwoWithNothingCopied()
    {
        var store = await CreateStoreAsync();
        await PutAsync(store, $"processed/{Drop}/chart_patient_20261121T0200.csv", "id\n1\n"u8.ToArray());

        var (exit, output) = await RunCliAsync("replay", "--aws", "--bucket", store.Bucket, "--stages",
            Path.Combine(RepoPaths.Root(), "infra-cdk", "stages.json"), "chart_patient_20261121T0200.csv");

        exit.Should().Be(2, output);
        var text = Regex.Replace(output, @"\s+", " ").Trim();
        text.Should().Be($"error: processed/{Drop}/chart_patient_20261121T0200.csv was loaded already and carries no recorded origin (archived before "
            + "replay kept one): on AWS a copy back into raw_files/ would be a new S3 version, new to the ledger, and would load a second time; nothing copied");
        (await store.ExistsAsync("raw_files/chart_patient_20261121T0200.csv", CancellationToken.None)).Should().BeFalse();
    }

    /// <summary>The CLI built beside the tests (the project references it), run as a person runs it, against s3rver.</summary>
    private async Task<(int Exit, string Output)> RunCliAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "healthdw.exe" : "healthdw"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
            Environment =
            {
                ["HEALTHDW_S3_ENDPOINT"] = s3rver.ServiceUrl,
                ["AWS_ACCESS_KEY_ID"] = "S3RVER",
                ["AWS_SECRET_ACCESS_KEY"] = "S3RVER",
                ["AWS_REGION"] = "us-east-1",
                ["AWS_PROFILE"] = null,
            },
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start healthdw");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
