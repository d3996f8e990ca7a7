using HealthDw.Cli.Bench;
using HealthDw.Cli.Commands;

namespace HealthDw.Tests.Cli;

/// <summary><c>bench --cold-start</c> times the two packages ./build-lambda.sh publishes, and reports their sizes.</summary>
public sealed class ColdStartBenchTests : IDisposable
{
    private readonly string _repo = Directory.CreateTempSubdirectory("healthdw-cold-start-").FullName;

    private void Publish(string folder, int bootstrapBytes, int configBytes, int zipBytes)
    {
        Directory.CreateDirectory(Path.Combine(_repo, "artifacts", folder, "bootstrap", "warehouse"));
        File.WriteAllBytes(Path.Combine(_repo, "artifacts", folder, "bootstrap", "bootstrap"), new byte[bootstrapBytes]);
        File.WriteAllBytes(Path.Combine(_repo, "artifacts", folder, "bootstrap", "warehouse", "routes.yml"), new byte[configBytes]);
        File.WriteAllBytes(Path.Combine(_repo, "artifacts", folder, "healthdw-lambda.zip"), new byte[zipBytes]);
    }

    [Fact]
    public void Packages_WhenBothArePublished_ShouldListNativeAotThenReadyToRunWithFolderAndZipSizes()
    {
        Publish("lambda", 1000, 10, 500);
        Publish("lambda-readytorun", 3000, 10, 1500);

        var packages = ColdStartBench.Packages(_repo);

        packages.Select(p => (p.Name, p.FolderBytes, p.ZipBytes)).Should().Equal(
            ("Native AOT (deployed)", 1010L, 500L), ("self-contained, trimmed, ReadyToRun", 3010L, 1500L));
        packages[0].Bootstrap.Should().Be(Path.Combine(_repo, "artifacts", "lambda", "bootstrap", "bootstrap"));
    }

    [Fact]
    public void Packages_WhenTheReadyToRunPackageIsMissing_ShouldSayWhichCommandBuildsIt()
    {
        Publish("lambda", 1000, 10, 500);

        var act = () => ColdStartBench.Packages(_repo);

        act.Should().Throw<UsageException>().WithMessage("*run ./build-lambda.sh --ready-to-run first*");
    }

    public void Dispose() => Directory.Delete(_repo, recursive: true);
}
