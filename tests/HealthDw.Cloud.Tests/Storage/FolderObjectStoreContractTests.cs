using HealthDw.Core.Ports;
using HealthDw.Storage;

namespace HealthDw.Cloud.Tests.Storage;

/// <summary>The object-store contract on <see cref="FolderObjectStore"/>: each test gets its own temp folder.</summary>
public sealed class FolderObjectStoreContractTests : ObjectStoreVersionContractTests
{
    /// <summary>A folder keeps one content per key: an overwritten version is gone, as in an unversioned bucket.</summary>
    protected override bool KeepsVersions => false;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("healthdw-folder-store-");

    protected override Task<IObjectStore> CreateStoreAsync() =>
        Task.FromResult<IObjectStore>(new FolderObjectStore(_folder.FullName));

    protected override Task DisposeStoreAsync(IObjectStore store)
    {
        _folder.Delete(recursive: true);
        return Task.CompletedTask;
    }
}
