namespace HealthDw.Tests.Support;

/// <summary>
/// The shipped configuration, copied once per test run with one change: test drops are small
/// (fewer than the 100 providers the business's dim_provider row_count check asks for), so that
/// check's floor is lowered. Everything else is the shipped configuration; tests of the real
/// rule use <see cref="Repo.ConfigFolder"/> at a scale that meets it.
/// </summary>
public static class TestConfig
{
    private static readonly Lazy<string> Folder = new(Create);

    public static string SmallDrops => Folder.Value;

    /// <summary>A copy of this configuration with the state machines beside it, as in the repository, for a test that changes it
    /// (run the CLI with <c>Settings with { ConfigFolder = … }</c>); returns its <c>warehouse/</c> folder.</summary>
    public static string CopyTo(string target)
    {
        var root = Path.GetDirectoryName(SmallDrops)!;
        foreach (var file in Directory.GetFiles(root, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(root, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        return Path.Combine(target, "warehouse");
    }

    private static string Create()
    {
        var root = Path.Combine("/tmp", $"healthdw-test-config-{Environment.ProcessId}");
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        foreach (var folder in new[] { "warehouse", "statemachine" })
        {
            foreach (var file in Directory.GetFiles(Path.Combine(Repo.Root, folder), "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(root, folder, Path.GetRelativePath(Path.Combine(Repo.Root, folder), file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        var providerChecks = Path.Combine(root, "warehouse", "checks", "dim_provider.yml");
        var text = File.ReadAllText(providerChecks);
        const string rule = "row_count between 100 and 10000";
        if (!text.Contains(rule, StringComparison.Ordinal)) throw new InvalidOperationException($"{providerChecks} no longer has '{rule}'");
        File.WriteAllText(providerChecks, text.Replace(rule, "row_count between 1 and 10000", StringComparison.Ordinal));
        return Path.Combine(root, "warehouse");
    }
}
