using System.Diagnostics;
using System.Text.Json.Nodes;
using HealthDw.Infra.Tests.Support;

namespace HealthDw.Infra.Tests.Cli;

/// <summary>
/// The real aws-cdk CLI (tests/node_modules, pinned in tests/package.json) runs the app the way `cdk deploy`
/// will: from infra-cdk/ with cdk.json's context, offline, into a temporary cloud assembly.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed class CdkSynthCliTests(SynthesizedApp app) : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("healthdw-cdk-synth-").FullName;
    private readonly string _cdkHome = Directory.CreateTempSubdirectory("healthdw-cdk-home-").FullName;

    [Fact]
    public async Task CdkSynth_WhenRunByTheCli_ShouldWriteTheDevTemplateWithTheSameResources()
    {
        File.Exists(RepoPaths.CdkCli).Should().BeTrue("tests/package.json pins aws-cdk; test.sh runs npm ci");
        File.Exists(RepoPaths.InfraAppDll).Should().BeTrue("the test project builds the CDK app");

        var start = new ProcessStartInfo(RepoPaths.CdkCli)
        {
            WorkingDirectory = RepoPaths.InfraCdk,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "synth", "--app", $"dotnet \"{RepoPaths.InfraAppDll}\"", "-c", "stage=dev", "-o", _out, "--quiet", "--no-notices" })
            start.ArgumentList.Add(arg);
        start.Environment["JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION"] = "20";
        start.Environment["CDK_DISABLE_VERSION_CHECK"] = "true";
        start.Environment["CDK_DISABLE_CLI_TELEMETRY"] = "true";
        start.Environment["CDK_HOME"] = _cdkHome;

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        process.ExitCode.Should().Be(0, $"cdk synth failed:\n{await stdout}\n{await stderr}");

        var templatePath = Path.Combine(_out, "HealthDw-dev.template.json");
        File.Exists(templatePath).Should().BeTrue();
        File.Exists(Path.Combine(_out, "HealthDw-prod.template.json")).Should().BeFalse("-c stage=dev synthesises that stage only");
        var resources = JsonNode.Parse(await File.ReadAllTextAsync(templatePath))!["Resources"]!.AsObject();
        resources.Select(r => r.Key).Where(id => id != "CDKMetadata").Should().BeEquivalentTo(app.Dev.Resources.Select(r => r.Key));
    }

    public void Dispose()
    {
        Directory.Delete(_out, recursive: true);
        Directory.Delete(_cdkHome, recursive: true);
    }
}
