using System.Text.RegularExpressions;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Core.Architecture;

/// <summary>
/// Core's top-level folders (one namespace each) should depend on each other one way: a folder that uses another and is
/// used back by it cannot be read, tested or moved alone. A dependency is any <c>HealthDw.Core.X</c> named in a folder's
/// sources outside a comment line (a <c>using</c>, or a qualified name).
/// <para>One knot remains: Configuration, Models, Checks, Publishing and the folders between them (see
/// <see cref="KnownCycleEdges"/>). The test fails on any other edge that closes a cycle, and when a listed edge no longer
/// does (so the list only shrinks).</para>
/// </summary>
public partial class CoreFolderCycleTests
{
    /// <summary>Edges inside the one cycle left, to break next: Publishing's progress type is reported by Models and
    /// Checks, Configuration's reconciliation parser reads the models' template calls, and Ports speaks Configuration's
    /// contracts.</summary>
    private static readonly string[] KnownCycleEdges =
    [
        "Checks -> Configuration", "Checks -> Ports", "Checks -> Publishing", "Checks -> Sql",
        "Configuration -> Models", "Configuration -> Routing",
        "Drops -> Configuration", "Drops -> Ports",
        "Models -> Configuration", "Models -> Ports", "Models -> Publishing", "Models -> Sql",
        "Ports -> Configuration",
        "Publishing -> Checks", "Publishing -> Configuration", "Publishing -> Drops", "Publishing -> Models", "Publishing -> Ports",
        "Publishing -> Sql",
        "Routing -> Configuration",
        "Sql -> Ports",
    ];

    private static readonly string CoreRoot = Path.Combine(Repo.Root, "functions", "HealthDw.Core");

    [Fact]
    public void Folders_ShouldFormNoCycleButTheKnownOne()
    {
        var cycleEdges = CycleEdges(Dependencies(CoreRoot));

        cycleEdges.Except(KnownCycleEdges).Should().BeEmpty("these folders now depend on each other (a cycle); reverse or move a type");
        KnownCycleEdges.Except(cycleEdges).Should().BeEmpty("these edges no longer close a cycle: take them off KnownCycleEdges");
    }

    [Theory]
    [InlineData("Loading", "Validation")]
    [InlineData("Ports", "Publishing")]
    public void Folders_WhenOnceACycle_ShouldNotUseEachOtherBothWays(string one, string other)
    {
        var dependencies = Dependencies(CoreRoot);

        (dependencies[one].Contains(other) && dependencies[other].Contains(one)).Should().BeFalse(
            $"{one} uses {other} and {other} uses {one}");
    }

    [Fact]
    public void CycleEdges_WhenTwoFoldersUseEachOther_ShouldReportBothEdges()
    {
        var dependencies = new Dictionary<string, HashSet<string>>
        {
            ["A"] = ["B"], ["B"] = ["A", "C"], ["C"] = [],
        };

        CycleEdges(dependencies).Should().BeEquivalentTo("A -> B", "B -> A");
    }

    /// <summary>Each top-level folder and the other Core folders its sources name.</summary>
    private static Dictionary<string, HashSet<string>> Dependencies(string root)
    {
        var folders = Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>()
            .Where(f => f is not ("bin" or "obj")).ToList();
        return folders.ToDictionary(f => f, f => Directory.EnumerateFiles(Path.Combine(root, f), "*.cs", SearchOption.AllDirectories)
            .SelectMany(File.ReadLines)
            .Where(line => !line.TrimStart().StartsWith("//", StringComparison.Ordinal))
            .SelectMany(line => CoreNamespace().Matches(line).Select(m => m.Groups[1].Value))
            .Where(used => used != f && folders.Contains(used))
            .ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>Every edge whose two ends reach each other (both in one strongly connected component).</summary>
    private static HashSet<string> CycleEdges(IReadOnlyDictionary<string, HashSet<string>> dependencies)
    {
        HashSet<string> Reach(string from)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var next = new Stack<string>([from]);
            while (next.TryPop(out var folder))
                foreach (var used in dependencies.GetValueOrDefault(folder) ?? [])
                    if (seen.Add(used)) next.Push(used);
            return seen;
        }

        var reach = dependencies.Keys.ToDictionary(f => f, Reach);
        return dependencies.SelectMany(d => d.Value.Where(used => reach.GetValueOrDefault(used)?.Contains(d.Key) == true)
            .Select(used => $"{d.Key} -> {used}")).ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"HealthDw\.Core\.([A-Za-z]+)")]
    private static partial Regex CoreNamespace();
}
