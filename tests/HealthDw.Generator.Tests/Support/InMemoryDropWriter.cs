using HealthDw.Generator;

namespace HealthDw.Generator.Tests.Support;

/// <summary>Keeps every file of a drop in memory, by relative path.</summary>
public sealed class InMemoryDropWriter : IDropWriter
{
    private readonly Dictionary<string, MemoryStream> _files = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Paths => _files.Keys;

    public Stream Create(string relativePath)
    {
        _files.Should().NotContainKey(relativePath, "each file is created once");
        var stream = new MemoryStream();
        _files.Add(relativePath, stream);
        return stream;
    }

    public byte[] Read(string relativePath) => _files[relativePath].ToArray();

    /// <summary>A disposed MemoryStream can no longer be written.</summary>
    public bool AllDisposed => _files.Values.All(s => !s.CanWrite);
}
