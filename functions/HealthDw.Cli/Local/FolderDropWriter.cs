using HealthDw.Generator;

namespace HealthDw.Cli.Local;

/// <summary>Writes a generated drop's files under a folder.</summary>
public sealed class FolderDropWriter(string root) : IDropWriter
{
    public Stream Create(string relativePath)
    {
        var path = Path.GetFullPath(Path.Combine(root, relativePath));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
    }
}
