using System.Text;
using HealthDw.Generator.Faults;
using HealthDw.Generator.Tests.Support;

namespace HealthDw.Generator.Tests;

[Collection(SharedDropCollection.Name)]
public sealed class FaultTests(SharedDrop shared)
{
    private readonly GeneratedDropFiles _drop = shared.Files;

    public static TheoryData<string, string> Faults => new()
    {
        { "wrong_header", "register_users" },
        { "missing_column", "register_address" },
        { "bad_type", "chart_appointment" },
        { "unbalanced_quote", "register_location" },
        { "truncated_last_line", "billing_payment" },
        { "non_utf8", "register_users" },
        { "empty_file", "chart_provider" },
        { "header_only", "billing_claim" },
        { "duplicate_keys", "chart_code" },
        { "orphan_foreign_keys", "chart_diagnosis" },
        { "wrong_delimiter", "register_location" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void Generate_WhenFaultsAreOn_ShouldWriteEachFaultBesideTheManifestUnderItsRealFileName(string fault, string table)
    {
        var reported = _drop.Drop.Faults.Single(f => f.Fault == fault);
        var realName = $"{table}_{SharedDrop.DropId}.csv";

        reported.Table.Should().Be(table);
        reported.RelativePath.Should().Be($"faults/{fault}/{realName}");
        reported.Description.Should().NotBeNullOrWhiteSpace().And.NotContain("\n");
        _drop.Writer.Paths.Should().Contain(reported.RelativePath);
        _drop.Drop.Files.Select(f => f.Name).Should().NotContain(reported.RelativePath);
        Encoding.Latin1.GetString(Bytes(fault)).Split("\r\n").Length.Should().BeLessThanOrEqualTo(202, "faults stay small");
    }

    /// <summary>A fault keeps the real name, which the routes' file_pattern needs; its folder says which fault it is.</summary>
    [Theory]
    [MemberData(nameof(Faults))]
    public void FaultAt_WhenGivenAGeneratedFaultFile_ShouldNameItsFault(string fault, string table)
    {
        var reported = _drop.Drop.Faults.Single(f => f.Fault == fault);

        FaultCatalog.FaultAt(Path.Combine("/tmp/x", reported.RelativePath)).Should().Be(fault);
        FaultCatalog.Summaries[fault].Should().NotBeNullOrWhiteSpace();
        FaultCatalog.FaultAt($"/tmp/x/{table}_{SharedDrop.DropId}.csv").Should().BeNull("the real file is no fault");
        FaultCatalog.FaultAt($"/tmp/x/faults/not_a_fault/{table}_{SharedDrop.DropId}.csv").Should().BeNull();
        FaultCatalog.FaultAt($"/tmp/x/other/{fault}/{table}_{SharedDrop.DropId}.csv").Should().BeNull();
    }

    [Fact]
    public void Generate_WhenFaultsAreOff_ShouldWriteNoFaultFiles()
    {
        var drop = new GeneratedDropFiles(new GeneratorOptions(0.001, 42, SharedDrop.DropId));

        drop.Drop.Faults.Should().BeEmpty();
        drop.Writer.Paths.Should().NotContain(p => p.StartsWith("faults/", StringComparison.Ordinal));
    }

    [Fact]
    public void WrongHeader_WhenParsed_ShouldRenameULNAMEOnly()
    {
        var csv = Parse("wrong_header");
        var real = _drop.Table("register_users").Header.ToList();

        csv.Header.Should().Equal(real.Select(c => c == "ULNAME" ? "LAST_NAME" : c));
        csv.Rows.Should().HaveCount(200);
    }

    [Fact]
    public void MissingColumn_WhenParsed_ShouldLackCityInHeaderAndRows()
    {
        var csv = Parse("missing_column");

        csv.Header.Should().Equal("ADDRESSPK", "UID", "STREET", "STATE", "ZIP", "UPDATE_AT");
        csv.Rows.Should().NotBeEmpty().And.OnlyContain(r => r.Length == 6);
    }

    [Fact]
    public void BadType_WhenParsed_ShouldHaveOneApptStartThatIsNotADate()
    {
        var csv = Parse("bad_type");
        var starts = csv.Values("APPT_START").ToList();

        starts[36].Should().Be("not-a-date", "data row 37");
        starts.Where(s => !DateTime.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out _)).Should().ContainSingle();
    }

    [Fact]
    public void UnbalancedQuote_WhenParsed_ShouldEndInsideAQuotedField()
    {
        var act = () => Parse("unbalanced_quote");

        act.Should().Throw<FormatException>().WithMessage("*ends inside a quoted field*");
    }

    [Fact]
    public void TruncatedLastLine_WhenRead_ShouldEndMidRowWithFewerFields()
    {
        var text = Encoding.UTF8.GetString(Bytes("truncated_last_line"));
        var lines = text.Split("\r\n");

        text.Should().NotEndWith("\n");
        lines[^1].Split(',').Length.Should().BeLessThan(6).And.BeGreaterThan(1);
        CsvFile.Parse(Encoding.UTF8.GetBytes(string.Join("\r\n", lines[..^1]) + "\r\n")).Rows.Should().NotBeEmpty();
        var act = () => Parse("truncated_last_line");
        act.Should().Throw<FormatException>();
    }

    [Fact]
    public void NonUtf8_WhenDecodedStrictly_ShouldFailOnALatin1Name()
    {
        var bytes = Bytes("non_utf8");

        bytes.Should().Contain(0xE9);
        Encoding.Latin1.GetString(bytes).Should().Contain(",José,");
        var act = () => Parse("non_utf8");
        act.Should().Throw<DecoderFallbackException>();
    }

    [Fact]
    public void EmptyFile_WhenRead_ShouldHaveNoBytes() => Bytes("empty_file").Should().BeEmpty();

    [Fact]
    public void HeaderOnly_WhenParsed_ShouldHaveTheRealHeaderAndNoRows()
    {
        var csv = Parse("header_only");

        csv.Header.Should().Equal(_drop.Table("billing_claim").Header);
        csv.Rows.Should().BeEmpty();
    }

    [Fact]
    public void DuplicateKeys_WhenParsed_ShouldRepeatOneCodePk()
    {
        var csv = Parse("duplicate_keys");

        csv.HasBom.Should().BeTrue();
        csv.Values("CODEPK").GroupBy(k => k).Where(g => g.Count() > 1).Should().ContainSingle().Which.Should().HaveCount(2);
    }

    [Fact]
    public void OrphanForeignKeys_WhenParsed_ShouldReferenceAppointmentsThatDoNotExist()
    {
        var csv = Parse("orphan_foreign_keys");
        var appointments = _drop.Table("chart_appointment").Values("APPTPK").ToHashSet();

        var orphans = csv.Values("APPTPK").Where(pk => !appointments.Contains(pk)).ToList();

        orphans.Should().NotBeEmpty().And.OnlyContain(pk => long.Parse(pk, System.Globalization.CultureInfo.InvariantCulture) >= 9_000_000_000);
        csv.Rows.Count.Should().BeGreaterThan(orphans.Count, "most rows stay valid");
    }

    [Fact]
    public void WrongDelimiter_WhenRead_ShouldSeparateWithSemicolons()
    {
        var lines = Encoding.UTF8.GetString(Bytes("wrong_delimiter")).Split("\r\n");

        lines[0].Should().Be(string.Join(';', _drop.Table("register_location").Header));
        lines.Skip(1).Where(l => l.Length > 0).Should().OnlyContain(l => l.Split(';').Length >= 7);
    }

    private byte[] Bytes(string fault) => _drop.Writer.Read(_drop.Drop.Faults.Single(f => f.Fault == fault).RelativePath);

    private CsvFile Parse(string fault) => CsvFile.Parse(Bytes(fault));
}
