using HealthDw.Cli.Local;
using HealthDw.Generator;

namespace HealthDw.Tests.Support;

/// <summary>Generated EMR drops for tests, written with the project's own generator.</summary>
public static class Drops
{
    public const string DropId = "20261121T0200";

    public static GeneratedDrop Write(string folder, double scale = 0.02, bool faults = false, long partBytes = 8L << 20, bool gzip = false) =>
        new ExtractGenerator().Generate(new GeneratorOptions(scale, 7, DropId, partBytes, faults, gzip ? ExtractCompression.Gzip : ExtractCompression.None), new FolderDropWriter(folder));
}
