using System.Text;
using HealthDw.Cloud.Tests.Storage.StrictS3;
using HealthDw.Storage.S3;

namespace HealthDw.Cloud.Tests.Storage;

/// <summary>The adapter's CRC64NVME, against the catalogue's check value and the test server's bit-by-bit one.</summary>
public sealed class Crc64NvmeTests
{
    [Fact]
    public void Value_WhenGivenTheCatalogueCheckInput_ShouldBeTheCheckValue()
    {
        // CRC-64/NVME: check value of "123456789" (the algorithm S3 User Guide, "Checking object integrity" names CRC64NVME).
        var crc = new Crc64Nvme();
        crc.Append("123456789"u8);

        crc.Value.Should().Be(0xAE8B14860A799888);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(63)]
    [InlineData(100_003)]
    public async Task OfAsync_WhenGivenAnyLength_ShouldMatchTheBitwiseDefinition(int length)
    {
        var content = ObjectBytes.Seeded(length, seed: length);

        var value = await Crc64Nvme.OfAsync(new MemoryStream(content), CancellationToken.None);

        value.Should().Be(StrictS3Checksums.Compute(StrictS3Checksums.Crc64Nvme, content));
    }

    [Fact]
    public void Append_WhenFedInPieces_ShouldEqualOneAppend()
    {
        var content = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("id,name\n1,é\n", 1000)));
        var whole = new Crc64Nvme();
        whole.Append(content);
        var pieces = new Crc64Nvme();
        foreach (var chunk in content.Chunk(13)) pieces.Append(chunk);

        pieces.ToBase64().Should().Be(whole.ToBase64());
    }
}
