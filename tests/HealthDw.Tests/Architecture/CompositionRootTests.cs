using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Amazon.S3;
using FluentAssertions;
using HealthDw.Cli.Local;
using HealthDw.Core.Loading;
using HealthDw.Core.Ports;
using HealthDw.Functions;
using HealthDw.Hosting;
using HealthDw.Hosting.DuckDb;
using HealthDw.Storage;
using HealthDw.Tests.Support;
using HealthDw.Warehouse.DuckDb;
using HealthDw.Warehouse.Postgres;
using Xunit;

namespace HealthDw.Tests.Architecture;

/// <summary>
/// The house has one composition root (HealthDw.Hosting, its DuckDB switch apart): every adapter of a port is constructed
/// there, or inside its own project (an adapter building its parts), and nowhere else; so the Lambda host, the CLI and the
/// tests, which all build their pipeline through it, get their ports wired the same way.
/// </summary>
public sealed class CompositionRootTests
{
    private static readonly string Functions = Path.Combine(Repo.Root, "functions");

    /// <summary>The composition root's folders: the only places where an adapter of another project may be constructed.</summary>
    private static readonly string[] Root = ["HealthDw.Hosting", "HealthDw.Hosting.DuckDb"];

    /// <summary>The ports the step handlers run on (StepPorts' interfaces) and the secrets reader. The clock is left out: SystemClock
    /// is the domain's own time source, not an adapter of the world.</summary>
    private static readonly Type[] Ports = typeof(StepPorts).GetConstructors().Single().GetParameters().Select(p => p.ParameterType)
        .Where(t => t.IsInterface && t != typeof(IClock) && !t.IsGenericType).Append(typeof(ISecrets)).ToArray();

    /// <summary>Every class that implements a port, in the projects that hold adapters (Core's own too: the staging loader and
    /// the background statement runner).</summary>
    private static IEnumerable<Type> Adapters() =>
        new[] { typeof(StagingLoader), typeof(FolderObjectStore), typeof(PostgresWarehouse), typeof(DuckDbWarehouse), typeof(HealthDwHost) }
            .Select(t => t.Assembly)
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false } && !t.IsNested && Ports.Any(p => p.IsAssignableFrom(t)));

    [Fact]
    public void Sources_WhenScanned_ShouldConstructEveryAdapterOnlyInTheCompositionRoot()
    {
        var adapters = Adapters().Select(t => (t.Name, Project: t.Assembly.GetName().Name!)).ToList();
        adapters.Select(a => a.Name).Should().Contain(["FolderObjectStore", "S3ObjectStore", "PostgresWarehouse", "DuckDbWarehouse", "PostgresSqlRunner",
            "DuckDbSqlRunner", "SlackWebhookNotifier", "OutboxNotifier", "LogNotifier", "FanOutNotifier", "EnvironmentSecrets", "LambdaExtensionSecrets",
            "StagingLoader", "BackgroundStatementRunner", "SnowflakeSqlRunner"], "the scan must see the adapters it guards");

        // The wiring itself (the step ports and their handler table) and the S3 client are the root's alone too: a host that
        // made its own would not be taking its ports from the root.
        var rootOnly = adapters
            .Concat(new (string Name, string Project)[]
            {
                (nameof(StepPorts), "-"), (nameof(StepHandlerTable), "-"), (nameof(AmazonS3Client), "-"), ("DuckDbDatabase", "HealthDw.Warehouse.DuckDb"),
            })
            .ToList();
        var violations = new List<string>();
        foreach (var file in SourceFiles())
        {
            var relative = Path.GetRelativePath(Functions, file);
            var project = relative.Split(Path.DirectorySeparatorChar)[0];
            if (Root.Contains(project)) continue;
            var lines = File.ReadAllLines(file);
            foreach (var (name, _) in rootOnly.Where(a => a.Project != project))
            {
                var construction = Construction(name);
                for (var i = 0; i < lines.Length; i++)
                    if (construction.IsMatch(lines[i])) violations.Add($"{relative}:{i + 1}: {name}");
            }
        }

        violations.Should().BeEmpty("adapters are constructed in the composition root (functions/HealthDw.Hosting) only");
    }

    [Fact]
    public void Sources_WhenScanned_ShouldStartTheLocalPostgresServerFromTheSettingsOnly()
    {
        var places = SourceFiles()
            .SelectMany(f => File.ReadAllLines(f).Select((line, i) => (File: Path.GetRelativePath(Functions, f), Line: i + 1, Text: line)))
            .Where(l => Construction(nameof(LocalPostgresServer)).IsMatch(l.Text))
            .Select(l => l.File)
            .ToList();

        places.Should().Equal([Path.Combine("HealthDw.Cli", "Local", "LocalSettings.cs")], "the tool's own server lives in one folder, named in one place");
    }

    [Fact]
    public void Projects_WhenReferencesFollowed_ShouldKeepTheLambdaFreeOfDuckDbAndTheCli()
    {
        var lambda = References("HealthDw.Lambda");

        lambda.Should().Contain("HealthDw.Hosting", "the Lambda builds its pipeline through the composition root");
        lambda.Should().NotContain(["HealthDw.Hosting.DuckDb", "HealthDw.Warehouse.DuckDb", "HealthDw.Cli"],
            "DuckDB's native library and the CLI stay out of the Lambda package");
        References("HealthDw.Hosting").Should().NotContain("HealthDw.Warehouse.DuckDb");
        References("HealthDw.Cli").Should().Contain(["HealthDw.Hosting", "HealthDw.Hosting.DuckDb"]);
    }

    [Fact]
    public void Projects_WhenReferencesFollowed_ShouldLeaveFunctionsWithTheStepsAndTheRuntimeOnly()
    {
        References("HealthDw.Functions").Should().Equal(["HealthDw.Core"], "Functions holds step handlers and the runtime loop, over the domain's ports");
        // Folders that hold sources (a moved folder can linger empty in a work tree).
        SourceFolders("HealthDw.Functions").Should().BeEquivalentTo(["", "Events", "Runtime", "Steps"]);
        SourceFolders("HealthDw.Warehouse").Should().NotContain("Local", "the PostgreSQL launcher lives with the CLI's local parts");
    }

    [Fact]
    public async Task BuildAsync_WhenTheLocalHostOpens_ShouldHandTheRootsPortsToItsSteps()
    {
        using var folder = new TempFolder();
        var settings = new LocalSettings(folder.Path, Repo.ConfigFolder, folder.Combine("bucket"), null) { DuckDbFile = folder.Combine("w.duckdb") };

        await using var pipeline = await LocalPipeline.OpenAsync(settings, CancellationToken.None, secrets: new NoSecrets());

        pipeline.Store.Should().BeOfType<FolderObjectStore>();
        pipeline.Warehouse.Should().BeOfType<DuckDbWarehouse>();
        pipeline.Loader.Should().BeOfType<StagingLoader>();
        pipeline.Notifier.Should().BeSameAs(pipeline.Outbox, "with no Slack webhook secret the outbox alone is the notifier");
        LocalPipeline.Options(settings).Warehouse.Should().BeOfType<DuckDbWarehouseOptions>();
        // A named server or the tool's own: either way the local switch names this process's connections and ends the
        // backends of gone processes before the root's PostgreSQL switch opens it.
        LocalPipeline.Options(settings with { DuckDbFile = null, WarehouseConnection = "Host=db" }).Warehouse
            .Should().BeOfType<LocalPostgresWarehouseOptions>().Which.Connection.Should().Be("Host=db");
        LocalPipeline.Options(settings with { DuckDbFile = null }).Warehouse
            .Should().BeOfType<LocalPostgresWarehouseOptions>().Which.Connection.Should().BeNull();
    }

    private sealed class NoSecrets : ISecrets
    {
        public Task<string> GetAsync(string secretId, CancellationToken ct) => throw new SecretNotFoundException(secretId, "test");
    }

    /// <summary><c>new Name(</c>, <c>Name.Connect(</c> / <c>Name.Open(</c>, and a target-typed <c>new(</c> declared as Name.</summary>
    private static Regex Construction(string name) => new(
        $@"\bnew\s+(?:[\w.]+\.)?{name}\s*[(<{{]|\b{name}\.(?:Connect|Open)\s*\(|\b{name}\??\s+\w+(?:\s*\([^)]*\))?\s*(?:=>|=)\s*new\s*\(");

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Functions, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static IEnumerable<string> SourceFolders(string project)
    {
        var folder = Path.Combine(Functions, project);
        return SourceFiles().Where(f => f.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(folder, Path.GetDirectoryName(f)!).Split(Path.DirectorySeparatorChar)[0])
            .Select(d => d == "." ? "" : d).Distinct();
    }

    /// <summary>The projects a project references, directly or through others.</summary>
    private static SortedSet<string> References(string project)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var next))
        {
            var csproj = Path.Combine(Functions, next, next + ".csproj");
            foreach (var reference in XDocument.Load(csproj).Descendants("ProjectReference"))
            {
                var name = Path.GetFileNameWithoutExtension(reference.Attribute("Include")!.Value.Replace('\\', '/'));
                if (found.Add(name)) pending.Push(name);
            }
        }

        return found;
    }
}
