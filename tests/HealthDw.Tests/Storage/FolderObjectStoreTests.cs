using System.Text;
using HealthDw.Storage;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Storage;

public class FolderObjectStoreTests
{
    [Theory]
    [InlineData("../outside.csv")]
    [InlineData("raw_files/../../outside.csv")]
    [InlineData("/etc/passwd")]
    [InlineData("raw_files\\..\\x.csv")]
    [InlineData("raw_files//x.csv")]
    [InlineData("")]
    public void PathOf_WhenKeyWouldLeaveTheBucket_ShouldRefuse(string key)
    {
        using var folder = new TempFolder();
        var store = new FolderObjectStore(folder.Path);

        var act = () => store.PathOf(key);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public async Task Put_ThenMove_ShouldKeepContentAndVersion()
    {
        using var folder = new TempFolder();
        var store = new FolderObjectStore(folder.Path);
        var key = "raw_files/deep/prefix/with space + plus é.csv";

        await store.PutAsync(key, new MemoryStream(Encoding.UTF8.GetBytes("a,b\n1,2\n")), CancellationToken.None);
        var before = await store.HeadAsync(key, CancellationToken.None);
        await store.MoveAsync(key, "processed/x.csv", CancellationToken.None);

        (await store.ExistsAsync(key, CancellationToken.None)).Should().BeFalse();
        var after = await store.HeadAsync("processed/x.csv", CancellationToken.None);
        after!.ETag.Should().Be(before!.ETag).And.HaveLength(32);
        File.ReadAllText(folder.Combine("processed", "x.csv")).Should().Be("a,b\n1,2\n");
    }

    [Fact]
    public async Task Head_WhenContentChanges_ShouldGiveANewVersionToken()
    {
        using var folder = new TempFolder();
        var store = new FolderObjectStore(folder.Path);
        await store.PutAsync("k.csv", new MemoryStream("one"u8.ToArray()), CancellationToken.None);
        var first = await store.HeadAsync("k.csv", CancellationToken.None);
        await store.PutAsync("k.csv", new MemoryStream("two"u8.ToArray()), CancellationToken.None);

        (await store.HeadAsync("k.csv", CancellationToken.None))!.VersionToken.Should().NotBe(first!.VersionToken);
    }

    [Fact]
    public async Task ReadPrefix_ShouldReturnAtMostTheBytesAsked()
    {
        using var folder = new TempFolder();
        var store = new FolderObjectStore(folder.Path);
        await store.PutAsync("k.csv", new MemoryStream(new byte[1000]), CancellationToken.None);

        (await store.ReadPrefixAsync("k.csv", 100, CancellationToken.None)).Should().HaveCount(100);
        (await store.ReadPrefixAsync("k.csv", 5000, CancellationToken.None)).Should().HaveCount(1000);
    }

    [Fact]
    public async Task List_ShouldGiveKeysWithSlashesInOrder()
    {
        using var folder = new TempFolder();
        var store = new FolderObjectStore(folder.Path);
        foreach (var key in new[] { "raw_files/b.csv", "raw_files/a.csv", "processed/c.csv" })
            await store.PutAsync(key, new MemoryStream("x"u8.ToArray()), CancellationToken.None);

        var keys = new List<string>();
        await foreach (var o in store.ListAsync("raw_files/", CancellationToken.None)) keys.Add(o.Key);

        keys.Should().Equal("raw_files/a.csv", "raw_files/b.csv");
    }
}
