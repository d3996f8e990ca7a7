using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HealthDw.Cli.Commands;
using HealthDw.Functions;
using HealthDw.Functions.Steps;
using HealthDw.Functions.Events;

namespace HealthDw.Cli.Bench;

/// <summary>
/// Cold start of the Lambda package: from process start to the first response posted to a
/// Runtime API stub, for the deployed Native AOT bootstrap and for the self-contained, trimmed,
/// ReadyToRun package it replaced (both from ./build-lambda.sh). Init is real: it reads the
/// configuration and connects to the warehouse before serving.
/// </summary>
public static class ColdStartBench
{
    /// <summary>A published package: its <c>bootstrap</c> executable, and its size as a folder and as the deployed zip.</summary>
    public sealed record Package(string Name, string Bootstrap, long FolderBytes, long ZipBytes);

    /// <summary>The two packages ./build-lambda.sh publishes, Native AOT first; a missing one stops the bench with the command that builds it.</summary>
    public static IReadOnlyList<Package> Packages(string repo) =>
    [
        Published(repo, "lambda", "Native AOT (deployed)", "./build-lambda.sh"),
        Published(repo, "lambda-readytorun", "self-contained, trimmed, ReadyToRun", "./build-lambda.sh --ready-to-run"),
    ];

    private static Package Published(string repo, string folderName, string name, string build)
    {
        var folder = Path.Combine(repo, "artifacts", folderName);
        var bootstrap = Path.Combine(folder, "bootstrap", "bootstrap");
        var zip = Path.Combine(folder, "healthdw-lambda.zip");
        if (!File.Exists(bootstrap) || !File.Exists(zip)) throw new UsageException($"no {name} package in {folder}: run {build} first");
        var folderBytes = new DirectoryInfo(Path.GetDirectoryName(bootstrap)!).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        return new Package(name, bootstrap, folderBytes, new FileInfo(zip).Length);
    }

    /// <summary>Every package <paramref name="runs"/> times, one start of each in turn, so a busy machine slows them alike.</summary>
    public static async Task<IReadOnlyList<Result>> MeasureAllAsync(IReadOnlyList<Package> packages, IReadOnlyDictionary<string, string> environment,
        int runs, CancellationToken ct)
    {
        var times = packages.Select(_ => new List<double>()).ToList();
        for (var run = 0; run < runs; run++)
        {
            for (var i = 0; i < packages.Count; i++)
                times[i].AddRange((await MeasureAsync(packages[i].Name, packages[i].Bootstrap, [], environment, 1, ct)).Milliseconds);
        }

        return packages.Select((p, i) => new Result(p.Name, times[i])).ToList();
    }

    public static string Megabytes(long bytes) => (bytes / 1e6).ToString("0.0", CultureInfo.InvariantCulture);

    public sealed record Result(string Variant, IReadOnlyList<double> Milliseconds)
    {
        public double Median => Percentile(0.5);

        public double P90 => Percentile(0.9);

        private double Percentile(double p)
        {
            var sorted = Milliseconds.Order().ToList();
            return sorted[(int)Math.Min(sorted.Count - 1, Math.Round(p * (sorted.Count - 1)))];
        }
    }

    public static async Task<Result> MeasureAsync(string variant, string fileName, IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment,
        int runs, CancellationToken ct)
    {
        var times = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            await using var api = new RuntimeApiStub();
            api.Enqueue($"bench-{run}", Event());
            var info = new ProcessStartInfo(fileName) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in args) info.ArgumentList.Add(arg);
            foreach (var (key, value) in environment) info.Environment[key] = value;
            info.Environment["AWS_LAMBDA_RUNTIME_API"] = api.Address;
            var started = Stopwatch.GetTimestamp();
            using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
            var output = process.StandardOutput.ReadToEndAsync(ct);
            var errors = process.StandardError.ReadToEndAsync(ct);
            if (!api.Answers.TryTake(out var answer, 60_000, ct))
                throw new TimeoutException($"{variant}: no answer within 60 s");
            times.Add(Stopwatch.GetElapsedTime(started, answer.Timestamp).TotalMilliseconds);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(ct);
            if (answer.Kind != "response")
                throw new InvalidOperationException($"{variant} answered {answer.Kind} {answer.ErrorType}: {answer.Body} {await errors} {await output}");
        }

        return new Result(variant, times);
    }

    /// <summary>The route-file payload the workflow sends for an upload: its EventBridge event and the execution id.</summary>
    public static string Event() => JsonSerializer.Serialize(
        new RouteRequest(S3ObjectCreatedEvent.For("healthdw-bench", "raw_files/register_users_20261121T0200.csv", 1024,
            "d41d8cd98f00b204e9800998ecf8427e", null, DateTimeOffset.UnixEpoch, "bench"), "bench"), HealthDwJsonContext.Compact.RouteRequest);

    public static string Format(double ms) => ms.ToString("N0", CultureInfo.InvariantCulture);
}
