using HealthDw.Core.Configuration;

namespace HealthDw.Cli.Local;

/// <summary>Reads the pipeline's configuration folder (<c>warehouse/</c>) from disk.</summary>
public static class ConfigFolder
{
    public static PipelineConfig Load(string folder)
    {
        if (!Directory.Exists(folder))
            throw new ConfigException(folder, 1, 1, "the configuration folder does not exist; pass --config DIR or set HEALTHDW_CONFIG");
        var files = Directory.EnumerateFiles(folder, "*.yml", SearchOption.AllDirectories)
            .Select(path => new ConfigFile(Path.GetRelativePath(folder, path).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllText(path)))
            .ToList();
        return PipelineConfigLoader.Load(files);
    }
}
