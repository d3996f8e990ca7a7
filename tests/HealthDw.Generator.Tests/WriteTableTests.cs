using System.Text;
using HealthDw.Generator.Tests.Support;

namespace HealthDw.Generator.Tests;

public sealed class WriteTableTests
{
    public static TheoryData<string> Tables => [.. GeneratedDropFiles.TableNames];

    [Theory]
    [MemberData(nameof(Tables))]
    public void WriteTable_WhenAskedForRows_ShouldWriteThatManyRowsUnderTheHeader(string table)
    {
        using var output = new MemoryStream();

        var written = new ExtractGenerator().WriteTable(table, 2_000, 5, "20261121T0200", output);

        output.CanWrite.Should().BeTrue("the caller's stream stays open");
        written.Should().Be(2_000);
        var csv = CsvFile.Parse(output.ToArray());
        csv.Rows.Should().HaveCount(2_000);
        csv.HasBom.Should().Be(table == "chart_code");
    }

    [Fact]
    public void WriteTable_WhenCalledTwice_ShouldWriteIdenticalBytes()
    {
        using var first = new MemoryStream();
        using var second = new MemoryStream();

        new ExtractGenerator().WriteTable("billing_claim", 500, 9, "20261121T0200", first);
        new ExtractGenerator().WriteTable("billing_claim", 500, 9, "20261121T0200", second);

        second.ToArray().Should().Equal(first.ToArray());
        Encoding.UTF8.GetString(first.ToArray()).Should().StartWith("CLAIMPK,APPTPK,");
    }

    [Fact]
    public void WriteTable_WhenTableIsUnknown_ShouldThrowNamingTheKnownTables()
    {
        var act = () => new ExtractGenerator().WriteTable("users", 10, 1, "20261121T0200", Stream.Null);

        act.Should().Throw<ArgumentException>().WithMessage("*register_users*");
    }
}
