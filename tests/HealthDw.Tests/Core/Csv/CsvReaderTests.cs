using System.Text;
using System.Text.Json;
using HealthDw.Core.Csv;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Core.Csv;

public class CsvReaderTests
{
    private static List<string[]> ReadAll(byte[] bytes, int bufferSize = 1 << 16, List<CsvSyntaxError>? errors = null)
    {
        using var reader = new CsvReader(new MemoryStream(bytes), bufferSize);
        var records = new List<string[]>();
        CsvReadStatus status;
        while ((status = reader.Read()) != CsvReadStatus.EndOfFile)
        {
            if (status == CsvReadStatus.Malformed) { errors?.Add(reader.Error!); continue; }
            records.Add(Enumerable.Range(0, reader.FieldCount).Select(i => Encoding.UTF8.GetString(reader[i])).ToArray());
        }

        return records;
    }

    private static List<string[]> ReadAll(string text, int bufferSize = 1 << 16) => ReadAll(Encoding.UTF8.GetBytes(text), bufferSize);

    public static TheoryData<string> SpectrumCases()
    {
        var folder = Path.Combine(Repo.Root, "tests", "node_modules", "csv-spectrum", "csvs");
        if (!Directory.Exists(folder))
            throw new InvalidOperationException($"csv-spectrum is not installed at {folder}: run ./test.sh, which installs the test tools");
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(folder, "*.csv").Order(StringComparer.Ordinal)) data.Add(Path.GetFileNameWithoutExtension(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(SpectrumCases))]
    public void Read_WhenCsvSpectrumCase_ShouldMatchItsExpectedJson(string name)
    {
        var root = Path.Combine(Repo.Root, "tests", "node_modules", "csv-spectrum");
        var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(root, "json", name + ".json"))).RootElement;
        var expected = (json.ValueKind == JsonValueKind.Array ? json.EnumerateArray().ToList() : [json])
            .Select(o => o.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!)).ToList();
        if (name == "location_coordinates")
        {
            // Upstream erratum: this case's JSON gives a phone number that its own CSV does not contain.
            expected[0]["Contact Phone Number"].Should().Be("1234567890", "the erratum is still there upstream");
            expected[0]["Contact Phone Number"] = "2095257564";
        }

        foreach (var bufferSize in new[] { 1 << 16, 7, 3 })
        {
            var records = ReadAll(File.ReadAllBytes(Path.Combine(root, "csvs", name + ".csv")), bufferSize);
            var header = records[0];
            var rows = records.Skip(1).Select(r => header.Zip(r).ToDictionary(p => p.First, p => p.Second)).ToList();
            rows.Should().BeEquivalentTo(expected, o => o.WithStrictOrdering(), $"case {name} with a {bufferSize}-byte buffer");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(4096)]
    public void Read_WhenRecordsCrossBufferBoundaries_ShouldReadTheSameAtAnyBufferSize(int bufferSize)
    {
        var text = "a,b,c\r\n\"x,1\",\"he said \"\"hi\"\"\",\r\n\"multi\nline\",,last\n\"\",\"\"\"\",z";

        ReadAll(text, bufferSize).Should().BeEquivalentTo(
            new[] { new[] { "a", "b", "c" }, ["x,1", "he said \"hi\"", ""], ["multi\nline", "", "last"], ["", "\"", "z"] },
            o => o.WithStrictOrdering());
    }

    [Fact]
    public void Read_WhenFieldsSpanLines_ShouldReportThePhysicalLineOfEachRecord()
    {
        using var reader = new CsvReader(new MemoryStream("h1,h2\n\"a\nb\nc\",1\nx,2\r\ny,3"u8.ToArray()));
        var lines = new List<long>();
        while (reader.Read() == CsvReadStatus.Record) lines.Add(reader.Line);

        lines.Should().Equal(1, 2, 5, 6);
    }

    [Fact]
    public void Read_WhenByteOrderMark_ShouldSkipItAndSayItWasThere()
    {
        using var reader = new CsvReader(new MemoryStream([0xEF, 0xBB, 0xBF, .. "id,name\n"u8]));

        reader.Read().Should().Be(CsvReadStatus.Record);
        reader.HadByteOrderMark.Should().BeTrue();
        Encoding.UTF8.GetString(reader[0]).Should().Be("id");
    }

    [Fact]
    public void Read_WhenQuoteNeverCloses_ShouldReportTheLineAndFieldWhereItOpened()
    {
        var errors = new List<CsvSyntaxError>();
        var records = ReadAll(Encoding.UTF8.GetBytes("a,b\n1,2\n3,\"open\n4,5\n"), 4, errors);

        records.Should().HaveCount(2);
        errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Line = 3L, Field = 2, Rule = "quote", AtEndOfInput = true });
    }

    [Fact]
    public void Read_WhenTextFollowsClosingQuote_ShouldReportAndGoOnWithTheNextLine()
    {
        var errors = new List<CsvSyntaxError>();
        var records = ReadAll(Encoding.UTF8.GetBytes("a,b\n\"x\"y,2\n3,4\n"), 1 << 16, errors);

        records.Should().HaveCount(2);
        records[1].Should().Equal("3", "4");
        errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Line = 2L, Field = 1, Rule = "quote" });
    }

    [Fact]
    public void Read_WhenQuoteInsideUnquotedField_ShouldKeepItAsACharacter()
    {
        var errors = new List<CsvSyntaxError>();

        ReadAll(Encoding.UTF8.GetBytes("a,b\n1,5'10\"\n"), 1 << 16, errors).Last().Should().Equal("1", "5'10\"");
        errors.Should().BeEmpty();
    }

    [Fact]
    public void Read_WhenLastLineHasNoLineEnd_ShouldStillReadIt()
    {
        ReadAll("a,b\n1,2").Should().HaveCount(2);
        ReadAll("a,b\n1,\"2\"").Last().Should().Equal("1", "2");
    }

    [Fact]
    public void Read_WhenLargeInput_ShouldConsumeEveryByteAndCountRows()
    {
        var text = new StringBuilder("id,text\n");
        for (var i = 0; i < 50_000; i++) text.Append(i).Append(",\"row ").Append(i).Append(", quoted\"\r\n");
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        using var reader = new CsvReader(new MemoryStream(bytes), 1000);
        var count = 0;
        while (reader.Read() == CsvReadStatus.Record) count++;

        count.Should().Be(50_001);
        reader.BytesConsumed.Should().Be(bytes.Length);
    }

    [Theory]
    [InlineData("a,b\n\n", new[] { false, true })]
    [InlineData("a,b\r\n\r\n\n", new[] { false, true, true })]
    [InlineData("a\n\"\"\n\n", new[] { false, false, true })]
    [InlineData("a\n,\n", new[] { false, false })]
    public void Read_WhenALineIsEmpty_ShouldSayItIsBlankButNotAQuotedEmptyField(string text, bool[] blank)
    {
        using var reader = new CsvReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), bufferSize: 4);
        var seen = new List<bool>();
        while (reader.Read() == CsvReadStatus.Record) seen.Add(reader.IsBlankLine);

        seen.Should().Equal(blank);
    }
}
