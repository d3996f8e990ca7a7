using System.Security.Cryptography;
using HealthDw.Core.Ports;
using HealthDw.Storage;

namespace HealthDw.Cloud.Tests.Storage;

/// <summary>What only the folder adapter has: keys are files under its root, and none may leave it.
/// The port's behaviour is in <see cref="FolderObjectStoreContractTests"/>.</summary>
public sealed class FolderObjectStoreTests : IDisposable
{
    private readonly DirectoryInfo _parent = Directory.CreateTempSubdirectory("healthdw-folder-store-");

    private string Root => Path.Combine(_parent.FullName, "bucket");

    public void Dispose() => _parent.Delete(recursive: true);

    [Theory]
    [InlineData("../outside.csv")]
    [InlineData("raw_files/../../outside.csv")]
    [InlineData("/etc/passwd")]
    [InlineData("raw_files\\..\\x.csv")]
    [InlineData("raw_files//x.csv")]
    [InlineData("raw_files/./x.csv")]
    [InlineData("")]
    public void PathOf_WhenKeyWouldLeaveTheBucket_ShouldRefuse(string key)
    {
        var store = new FolderObjectStore(Root);

        var act = () => store.PathOf(key);

        act.Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData("../outside.csv")]
    [InlineData("raw_files/../../outside.csv")]
    public async Task PutAsync_WhenKeyWouldLeaveTheBucket_ShouldRefuseAndWriteNothingOutside(string key)
    {
        var store = new FolderObjectStore(Root);

        var put = () => store.PutAsync(key, new MemoryStream([1, 2, 3]), CancellationToken.None);

        await put.Should().ThrowAsync<ArgumentException>();
        Directory.EnumerateFileSystemEntries(_parent.FullName).Should().Equal(Root);
    }

    [Fact]
    public async Task PutAsync_WhenKeyHasPrefixes_ShouldWriteTheFileAtItsRelativePath()
    {
        var store = new FolderObjectStore(Root);

        await store.PutAsync("raw_files/deep/prefix/with space + plus é.csv", new MemoryStream("a,b\n1,2\n"u8.ToArray()), CancellationToken.None);

        File.ReadAllText(Path.Combine(Root, "raw_files", "deep", "prefix", "with space + plus é.csv")).Should().Be("a,b\n1,2\n");
    }

    [Fact]
    public async Task ListAsync_WhenAFileIsDroppedIntoTheFolder_ShouldListItUnderItsRelativePathWithItsMd5()
    {
        var store = new FolderObjectStore(Root);
        Directory.CreateDirectory(Path.Combine(Root, "raw_files", "中"));
        await File.WriteAllTextAsync(Path.Combine(Root, "raw_files", "中", "dropped.csv"), "id\n1\n");

        var listed = await store.ListAsync("raw_files", CancellationToken.None).ToListAsync();

        listed.Should().ContainSingle().Which.Should().Be(
            new ObjectRef("local", "raw_files/中/dropped.csv", 5, Convert.ToHexStringLower(MD5.HashData("id\n1\n"u8)), null));
    }
}
