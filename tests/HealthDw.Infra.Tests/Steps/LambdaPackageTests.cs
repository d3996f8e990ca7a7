using HealthDw.Infra;
using HealthDw.Infra.Steps;
using HealthDw.Infra.Tests.Support;

namespace HealthDw.Infra.Tests.Steps;

/// <summary>Without ./build-lambda.sh's zip the app stops, unless a context flag explicitly asks for a stand-in.</summary>
[Collection(InfraCollection.Name)]
public sealed class LambdaPackageTests(SynthesizedApp shared) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("healthdw-no-package-").FullName;

    [Fact]
    public void Resolve_WhenThePackageIsMissing_ShouldStopAndSayHowToBuildIt()
    {
        var act = () => LambdaPackage.Resolve(new RepoLayout(_root), allowPlaceholder: false);
        act.Should().Throw<InvalidOperationException>().WithMessage("*healthdw-lambda.zip is missing: run ./build-lambda.sh*healthdw:placeholderPackage=true*");
    }

    [Fact]
    public void Resolve_WhenThePlaceholderIsAskedFor_ShouldGiveABootstrapThatOnlyFails()
    {
        _ = shared; // Code is a jsii object: the collection's runtime is already running
        LambdaPackage.Resolve(new RepoLayout(_root), allowPlaceholder: true).Should().NotBeNull();
        var bootstrap = Path.Combine(Path.GetTempPath(), "healthdw-placeholder-package", "bootstrap");
        File.ReadAllText(bootstrap).Should().Contain("exit 1");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
