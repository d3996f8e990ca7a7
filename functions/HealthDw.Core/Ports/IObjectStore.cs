namespace HealthDw.Core.Ports;

/// <summary>The bucket: S3 on AWS, a folder locally. Keys are '/'-separated relative paths. Reading or
/// moving a missing object throws <see cref="FileNotFoundException"/>; deleting one is no error. Both
/// adapters pass one behavioural suite (tests/HealthDw.Cloud.Tests/Storage/ObjectStoreContractTests.cs).
/// <para>A step reads and moves the version the ledger names (<see cref="ObjectRef"/>: its VersionId where the
/// bucket is versioned, else its ETag), never "whatever the key holds now": a file overwritten between its event
/// and its load must not load the newer content under the older version's identity. A version that is no longer
/// there throws <see cref="ObjectVersionGoneException"/>.</para></summary>
public interface IObjectStore
{
    string Bucket { get; }

    /// <summary>The object's current version, or null when there is none.</summary>
    Task<ObjectRef?> HeadAsync(string key, CancellationToken ct);

    /// <summary>Up to <paramref name="length"/> bytes from the start of that version of the object (a ranged GET).</summary>
    Task<byte[]> ReadPrefixAsync(ObjectRef version, int length, CancellationToken ct);

    /// <summary>Streams that version of the object whole; the caller disposes the stream.</summary>
    Task<Stream> OpenReadAsync(ObjectRef version, CancellationToken ct);

    Task PutAsync(string key, Stream content, CancellationToken ct);

    /// <summary>Copies that version to <paramref name="toKey"/>, verifies the copy, then removes that version only:
    /// a newer version written under the key meanwhile stays there, current and visible.</summary>
    Task MoveAsync(ObjectRef version, string toKey, CancellationToken ct);

    /// <summary>Removes that version only; no error when it is gone already. A newer version under the key stays.</summary>
    Task DeleteVersionAsync(ObjectRef version, CancellationToken ct);

    /// <summary>Removes whatever the key holds now.</summary>
    Task DeleteAsync(string key, CancellationToken ct);

    Task<bool> ExistsAsync(string key, CancellationToken ct);

    IAsyncEnumerable<ObjectRef> ListAsync(string prefix, CancellationToken ct);
}
