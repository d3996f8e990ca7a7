using System.Diagnostics;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Cli;

/// <summary>
/// The <c>./healthdw</c> script at the repository's root: it builds the tool once, runs the built tool directly after that,
/// and builds again only when a source changed. Run here on a copy of the script in a folder shaped like the repository,
/// with a stand-in <c>dotnet</c> on the PATH that logs each call (a real build takes a minute).
/// </summary>
public class HealthDwScriptTests : IDisposable
{
    private readonly TempFolder _repo = new("healthdw-script");

    public HealthDwScriptTests()
    {
        File.Copy(Path.Combine(Repo.Root, "healthdw"), _repo.Combine("healthdw"));
        _repo.Write("functions/HealthDw.Cli/HealthDw.Cli.csproj", "<Project />");
        _repo.Write("functions/HealthDw.Cli/Program.cs", "// tool");
        _repo.Write("functions/HealthDw.Core/Model.cs", "// core");
        _repo.Write("warehouse/routes.yml", "routes: []");
        _repo.Write("statemachine/ingest-file.asl.json", "{}");
        _repo.Write("Directory.Build.props", "<Project />");
        _repo.Write("Directory.Packages.props", "<Project />");
        _repo.Write("global.json", "{}");
        // The stand-in: `dotnet build ... -o OUT` writes OUT/healthdw.dll; `dotnet X.dll args` says it ran.
        _repo.Write("bin/dotnet", """
            #!/usr/bin/env bash
            echo "$*" >> "$(dirname "$0")/calls.log"
            if [[ "$1" == build ]]; then
              while [[ $# -gt 0 ]]; do [[ "$1" == -o ]] && out="$2"; shift; done
              mkdir -p "$out" && echo dll > "$out/healthdw.dll"; echo "  HealthDw.Cli -> $out/healthdw.dll"
            else
              echo "tool ran: ${*:2}"
            fi
            """);
        Chmod(_repo.Combine("bin/dotnet"));
        Chmod(_repo.Combine("healthdw"));
    }

    [Fact]
    public async Task Script_WhenRunTwiceWithNoChange_ShouldBuildOnceThenRunTheBuiltToolDirectly()
    {
        var first = await RunAsync("models", "graph");
        var second = await RunAsync("--help");

        first.Exit.Should().Be(0, first.Errors);
        first.Errors.Should().Contain("building the tool, about a minute");
        first.Output.Should().Be("tool ran: models graph\n", "build messages go to stderr; stdout is the command's own output");
        second.Errors.Should().BeEmpty();
        second.Output.Should().Be("tool ran: --help\n");
        Calls().Count(c => c.StartsWith("build ", StringComparison.Ordinal)).Should().Be(1);
        Calls()[^1].Should().Be($"{_repo.Combine("artifacts", "healthdw", "healthdw.dll")} --help");
    }

    [Theory]
    [InlineData("edit")]
    [InlineData("add")]
    [InlineData("delete")]
    [InlineData("rename")]
    public async Task Script_WhenASourceChangedSinceTheBuild_ShouldBuildAgainBeforeRunning(string change)
    {
        (await RunAsync("--version")).Exit.Should().Be(0);
        (await RunAsync("--version")).Errors.Should().BeEmpty("nothing changed yet: the built tool runs");
        var source = _repo.Combine("functions/HealthDw.Core/Model.cs");
        switch (change)
        {
            case "edit": File.AppendAllText(source, "// changed"); break;
            case "add": _repo.Write("functions/HealthDw.Core/Added.cs", "// new"); break;
            case "delete": File.Delete(source); break;
            default: File.Move(source, _repo.Combine("functions/HealthDw.Core/Renamed.cs")); break;
        }

        var again = await RunAsync("--version");

        again.Errors.Should().Contain("rebuilding the tool", change);
        Calls().Count(c => c.StartsWith("build ", StringComparison.Ordinal)).Should().Be(2, change);
    }

    [Fact]
    public async Task Script_WhenTheBuildFails_ShouldNotRunTheToolNorMarkItBuilt()
    {
        _repo.Write("bin/dotnet", "#!/usr/bin/env bash\necho \"$*\" >> \"$(dirname \"$0\")/calls.log\"\necho 'error CS1002: ; expected'\nexit 1\n");
        Chmod(_repo.Combine("bin/dotnet"));

        var run = await RunAsync("demo");

        run.Exit.Should().NotBe(0);
        run.Errors.Should().Contain("the build failed");
        run.Output.Should().BeEmpty();
        File.Exists(_repo.Combine("artifacts", "healthdw", ".built")).Should().BeFalse();
    }

    public void Dispose()
    {
        _repo.Dispose();
        GC.SuppressFinalize(this);
    }

    private List<string> Calls() => File.ReadAllLines(_repo.Combine("bin", "calls.log")).ToList();

    private static void Chmod(string path)
    {
        // A bash script: on Windows it runs from Git Bash or WSL, which these tests do not start.
        if (OperatingSystem.IsWindows()) return;
        File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
    }

    private async Task<(int Exit, string Output, string Errors)> RunAsync(params string[] args)
    {
        var info = new ProcessStartInfo(_repo.Combine("healthdw"))
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _repo.Path,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["PATH"] = _repo.Combine("bin") + ":" + Environment.GetEnvironmentVariable("PATH");
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await errors);
    }
}
