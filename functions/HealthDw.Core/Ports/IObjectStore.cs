namespace HealthDw.Core.Ports;

/// <summary>The bucket: S3 on AWS, a folder locally. Keys are '/'-separated relative paths. Reading or
/// moving a missing object throws <see cref="FileNotFoundException"/>; deleting one is no error. Both
/// adapters pass one behavioural suite (tests/HealthDw.Cloud.Tests/Storage/ObjectStoreContractTests.cs).</summary>
public interface IObjectStore
{
    string Bucket { get; }

    /// <summary>The object's current version, or null when there is none.</summary>
    Task<ObjectRef?> HeadAsync(string key, CancellationToken ct);

    /// <summary>Up to <paramref name="length"/> bytes from the start of the object (a ranged GET).</summary>
    Task<byte[]> ReadPrefixAsync(string key, int length, CancellationToken ct);

    /// <summary>Streams the whole object; the caller disposes the stream.</summary>
    Task<Stream> OpenReadAsync(string key, CancellationToken ct);

    Task PutAsync(string key, Stream content, CancellationToken ct);

    /// <summary>Copies, verifies the copy, then deletes the source.</summary>
    Task MoveAsync(string fromKey, string toKey, CancellationToken ct);

    Task DeleteAsync(string key, CancellationToken ct);

    Task<bool> ExistsAsync(string key, CancellationToken ct);

    IAsyncEnumerable<ObjectRef> ListAsync(string prefix, CancellationToken ct);
}
