using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Functions;

/// <summary>
/// What ./build-lambda.sh publishes for the provided.al2023 runtime (x86_64): one Native AOT executable, no .NET
/// runtime beside it, the pipeline's configuration beside it, and nothing that Amazon Linux 2023 cannot load.
/// </summary>
public class LambdaPackageShapeTests
{
    private static string Folder
    {
        get
        {
            var folder = Path.Combine(Repo.Root, "artifacts", "lambda", "bootstrap");
            return File.Exists(Path.Combine(folder, "bootstrap"))
                ? folder
                : throw new InvalidOperationException($"{folder} has no bootstrap: run ./build-lambda.sh (./test.sh does)");
        }
    }

    [Fact]
    public void Package_WhenPublished_ShouldBeOneNativeX8664ExecutableWithoutAssemblies()
    {
        var header = new byte[20];
        using (var bootstrap = File.OpenRead(Path.Combine(Folder, "bootstrap")))
            bootstrap.ReadExactly(header);

        header[..4].Should().Equal([0x7F, (byte)'E', (byte)'L', (byte)'F'], "Lambda runs bootstrap as a Linux executable");
        header[4].Should().Be(2, "a 64-bit ELF");
        BitConverter.ToUInt16(header, 18).Should().Be(0x3E, "machine x86-64, the architecture the stack deploys (Architecture.X86_64)");
        Directory.EnumerateFiles(Folder, "*.dll", SearchOption.AllDirectories).Should().BeEmpty(
            "Native AOT compiles the code and the runtime into bootstrap; assemblies beside it mean a JIT (ReadyToRun) package");
    }

    [Fact]
    public void Package_WhenPublished_ShouldCarryEveryConfigurationFile()
    {
        var source = Path.Combine(Repo.Root, "warehouse");
        var expected = Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".sql", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(source, f)).ToList();
        var packaged = Directory.EnumerateFiles(Path.Combine(Folder, "warehouse"), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Path.Combine(Folder, "warehouse"), f)).ToList();

        expected.Should().NotBeEmpty();
        packaged.Should().BeEquivalentTo(expected, "the function reads its routes, contracts, models and checks from the package");
    }

    /// <summary>
    /// AL2023 User Guide, "Core toolchain packages glibc, gcc, binutils": AL2023 ships glibc 2.34. The Lambda Developer Guide
    /// ("Compile .NET Lambda function code to a native runtime format") warns that an AOT binary built on another Linux may
    /// not run there: a symbol version newer than the runtime's glibc stops the function at start.
    /// </summary>
    [Fact]
    public void Package_WhenPublished_ShouldNeedNoGlibcNewerThanAmazonLinux2023s()
    {
        var newest = GlibcVersionsNeeded(File.ReadAllBytes(Path.Combine(Folder, "bootstrap"))).Max();

        newest.Should().NotBeNull("the executable links glibc dynamically").And.BeLessThanOrEqualTo(new Version(2, 34));
    }

    /// <summary>The GLIBC_x.y[.z] version names in the dynamic string table (the versions the executable's symbols require), as x.y.</summary>
    private static IEnumerable<Version> GlibcVersionsNeeded(byte[] binary) =>
        Regex.Matches(Encoding.Latin1.GetString(binary), @"GLIBC_(\d+)\.(\d+)(?:\.(\d+))?\0")
            .Select(m => new Version(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)));
}
