using HealthDw.Core.Configuration;

namespace HealthDw.Snowflake.Tests.Support;

/// <summary>The shipped pipeline configuration, read from <c>warehouse/</c> on disk as the tool reads it.</summary>
internal static class ShippedConfig
{
    private static readonly Lazy<PipelineConfig> Config = new(Load);

    public static PipelineConfig Pipeline => Config.Value;

    public static IReadOnlyList<TableContract> Contracts => [.. Pipeline.Contracts.Values.OrderBy(c => c.Table, StringComparer.Ordinal)];

    public static TableContract Contract(string table) => Pipeline.Contract(table);

    /// <summary>One row per shipped contract, for theories.</summary>
    public static TheoryData<string> Tables()
    {
        var data = new TheoryData<string>();
        foreach (var contract in Contracts)
            data.Add(contract.Table);
        return data;
    }

    private static PipelineConfig Load()
    {
        var root = WarehouseFolder();
        var files = Directory.EnumerateFiles(root, "*.yml", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(root, path).Replace('\\', '/'))
            .Where(path => path == PipelineConfigLoader.RoutesFile || path.StartsWith("contracts/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(path => new ConfigFile(path, File.ReadAllText(Path.Combine(root, path))))
            .ToList();
        return PipelineConfigLoader.Load(files);
    }

    private static string WarehouseFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HealthDwServerless.sln")))
                return Path.Combine(dir.FullName, "warehouse");
        }

        throw new DirectoryNotFoundException("no HealthDwServerless.sln above the test binaries: the shipped warehouse/ folder cannot be found");
    }
}
