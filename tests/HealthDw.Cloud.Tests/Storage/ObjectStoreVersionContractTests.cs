using HealthDw.Core.Ports;

namespace HealthDw.Cloud.Tests.Storage;

/// <summary>
/// The part of the contract that works on one version of an object: moves (copy, verify, remove that version) and a
/// key overwritten between the event and the step that reads or moves it. The ledger keys on the event's version, so
/// no step may give the newer content under the older version's identity, and archiving the older version must neither
/// lose nor hide the newer one. A store that keeps versions (a versioned S3 bucket) still serves the older version; one
/// that keeps only the newest content (a folder, an unversioned bucket) refuses with <see cref="ObjectVersionGoneException"/>.
/// </summary>
public abstract class ObjectStoreVersionContractTests : ObjectStoreContractTests
{
    private static readonly byte[] Older = "id,name\n1,older\n"u8.ToArray();
    private static readonly byte[] Newer = "id,name\n1,NEWER, longer\n"u8.ToArray();

    /// <summary>Whether an overwritten version can still be read (a versioned S3 bucket).</summary>
    protected abstract bool KeepsVersions { get; }

    public static TheoryData<string, string> Moves => new()
    {
        { "raw_files/billing_claims_20261121T0200_part2.csv", "processed/billing_claims_20261121T0200_part2.csv" },
        { "raw_files/with space+plus é/中.csv", "error_files/with space+plus é/中.csv" },
        { "raw_files/a+b 100%41:c é.csv", "processed/a+b 100%41:c é.csv" },
        { "raw_files/x.csv", "processed/2026/11/21/deep/prefix/x.csv" },
    };

    [Theory]
    [MemberData(nameof(Moves))]
    public async Task MoveAsync_WhenSourceExists_ShouldCarryTheContentToTheTargetAndRemoveTheSource(string from, string to)
    {
        var content = ObjectBytes.Seeded(50_000, seed: from.Length);
        await PutAsync(from, content);
        var before = await CurrentAsync(from);

        await Store.MoveAsync(before, to, None);

        (await Store.ExistsAsync(from, None)).Should().BeFalse();
        (await Store.HeadAsync(from, None)).Should().BeNull();
        var after = await Store.HeadAsync(to, None);
        after.Should().NotBeNull();
        after!.Size.Should().Be(before.Size);
        // No ETag comparison: under SSE-KMS a copy gets another ETag (S3 API Reference, "Common Response Headers").
        (await ObjectBytes.ReadAllAsync(Store, to)).ShouldBeByteForByte(content);
        var listed = await Store.ListAsync("", None).ToListAsync();
        listed.Select(o => o.Key).Should().Equal(to);
    }

    [Fact]
    public async Task MoveAsync_WhenSourceIsMissing_ShouldThrowFileNotFoundAndCreateNothing()
    {
        await PutAsync("raw_files/other.csv", [1]);

        var move = () => Store.MoveAsync(Missing("raw_files/none.csv"), "processed/none.csv", None);

        await move.Should().ThrowAsync<FileNotFoundException>();
        (await Store.ExistsAsync("processed/none.csv", None)).Should().BeFalse();
        var listed = await Store.ListAsync("", None).ToListAsync();
        listed.Select(o => o.Key).Should().Equal("raw_files/other.csv");
    }

    [Fact]
    public async Task ReadPrefixAsync_WhenTheKeyWasOverwrittenAfterTheEvent_ShouldNeverGiveTheNewerContentForTheOlderVersion()
    {
        var older = await OverwrittenAsync("raw_files/over written é.csv");

        var read = () => Store.ReadPrefixAsync(older, 4096, None);

        if (KeepsVersions)
            (await read()).Should().Equal(Older);
        else
            await read.Should().ThrowAsync<ObjectVersionGoneException>();
    }

    [Fact]
    public async Task OpenReadAsync_WhenTheKeyWasOverwrittenAfterTheEvent_ShouldNeverGiveTheNewerContentForTheOlderVersion()
    {
        var older = await OverwrittenAsync("raw_files/over written é.csv");

        var read = async () =>
        {
            await using var stream = await Store.OpenReadAsync(older, None);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy);
            return copy.ToArray();
        };

        if (KeepsVersions)
            (await read()).Should().Equal(Older);
        else
            await read.Should().ThrowAsync<ObjectVersionGoneException>();
    }

    [Fact]
    public async Task MoveAsync_WhenTheKeyWasOverwrittenAfterTheEvent_ShouldArchiveOnlyTheOlderVersionAndLeaveTheNewerCurrent()
    {
        var older = await OverwrittenAsync("raw_files/over written é.csv");

        var move = () => Store.MoveAsync(older, "processed/over written é.csv", None);

        if (KeepsVersions)
        {
            await move();
            (await ObjectBytes.ReadAllAsync(Store, "processed/over written é.csv")).Should().Equal(Older);
        }
        else
        {
            await move.Should().ThrowAsync<ObjectVersionGoneException>();
            (await Store.ExistsAsync("processed/over written é.csv", None)).Should().BeFalse("the newer content is not the older version's to archive");
        }

        // Neither lost nor hidden behind a delete marker: the newer version is still the key's current one.
        (await ObjectBytes.ReadAllAsync(Store, "raw_files/over written é.csv")).Should().Equal(Newer);
    }

    [Fact]
    public async Task DeleteVersionAsync_WhenTheKeyWasOverwrittenAfterTheEvent_ShouldLeaveTheNewerVersionCurrent()
    {
        var older = await OverwrittenAsync("raw_files/over written é.csv");

        await Store.DeleteVersionAsync(older, None);

        (await ObjectBytes.ReadAllAsync(Store, "raw_files/over written é.csv")).Should().Equal(Newer);
        if (KeepsVersions)
        {
            var read = () => Store.ReadPrefixAsync(older, 10, None);
            await read.Should().ThrowAsync<ObjectVersionGoneException>("that version was removed");
        }
    }

    [Fact]
    public async Task DeleteVersionAsync_WhenTheVersionIsCurrent_ShouldRemoveTheObject()
    {
        await PutAsync("raw_files/only.csv", Older);
        var only = await CurrentAsync("raw_files/only.csv");

        await Store.DeleteVersionAsync(only, None);
        await Store.DeleteVersionAsync(only, None); // gone already: no error

        (await Store.HeadAsync("raw_files/only.csv", None)).Should().BeNull();
        (await Store.ListAsync("raw_files", None).ToListAsync()).Should().BeEmpty();
    }

    /// <summary>The older version, as its event named it, after newer content was written under the same key.</summary>
    private async Task<ObjectRef> OverwrittenAsync(string key)
    {
        await PutAsync(key, Older);
        var older = await CurrentAsync(key);
        await PutAsync(key, Newer);
        var newer = await CurrentAsync(key);
        newer.VersionToken.Should().NotBe(older.VersionToken);
        return older;
    }
}
