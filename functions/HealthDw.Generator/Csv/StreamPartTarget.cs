namespace HealthDw.Generator.Csv;

/// <summary>A single, caller-owned stream: never split, flushed but not disposed.</summary>
internal sealed class StreamPartTarget(Stream output) : IPartTarget
{
    public Stream Open(int? part) => part is null ? output : throw new InvalidOperationException("A single stream cannot hold parts.");

    public void Release(Stream stream) => stream.Flush();

    public void Completed(int? part, long rows, long bytes, string sha256)
    {
    }
}
