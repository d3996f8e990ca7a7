using HealthDw.Core.Configuration;
using HealthDw.Core.Publishing;

namespace HealthDw.Hosting.Configuration;

/// <summary>Reads the pipeline's configuration folder (<c>warehouse/</c>) from disk: routes, contracts, models, checks.</summary>
public static class ConfigFolder
{
    public static PipelineConfig Load(string folder) => PipelineConfigLoader.Load(Files(folder));

    public static (PipelineConfig Pipeline, AnalyticsProject Analytics) LoadAll(string folder)
    {
        var files = Files(folder);
        var pipeline = PipelineConfigLoader.Load(files);
        return (pipeline, AnalyticsProject.Load(files, pipeline));
    }

    private static IReadOnlyList<ConfigFile> Files(string folder)
    {
        if (!Directory.Exists(folder))
            throw new ConfigException(folder, 1, 1, "the configuration folder does not exist; pass --config DIR or set HEALTHDW_CONFIG");
        return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(path => path.EndsWith(".yml", StringComparison.Ordinal) || path.EndsWith(".sql", StringComparison.Ordinal))
            .Select(path => new ConfigFile(Path.GetRelativePath(folder, path).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllText(path)))
            .ToList();
    }
}
