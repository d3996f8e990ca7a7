using System.Globalization;
using System.Text;
using HealthDw.Generator.Tests.Support;

namespace HealthDw.Generator.Tests;

[Collection(SharedDropCollection.Name)]
public sealed class CsvFormatTests(SharedDrop shared)
{
    private readonly GeneratedDropFiles _drop = shared.Files;

    public static TheoryData<string, string> Headers => new()
    {
        { "register_users", "UIDPK,UID,UFNAME,ULNAME,EMAIL,GENDER,AGE,USERTYPE,UPDATE_AT" },
        { "register_address", "ADDRESSPK,UID,STREET,CITY,STATE,ZIP,UPDATE_AT" },
        { "register_location", "LOCATIONPK,LOCATION_NAME,STREET,CITY,STATE,ZIP,UPDATE_AT" },
        { "chart_provider", "PROVIDERPK,UID,PROVIDER_NPI,PROVIDER_SPECIALTY,UPDATE_AT" },
        { "chart_code", "CODEPK,CODE,CODE_TYPE,DESCRIPTION,UPDATE_AT" },
        { "chart_appointment", "APPTPK,PATIENT_UID,PROVIDER_UID,LOCATIONPK,APPT_START,VISIT_TYPE,STATUS,UPDATE_AT" },
        { "chart_diagnosis", "DIAGPK,APPTPK,CODEPK,IS_PRIMARY,UPDATE_AT" },
        { "billing_claim", "CLAIMPK,APPTPK,PAYER,CPT_CODEPK,BILLED_AMOUNT,ALLOWED_AMOUNT,STATUS,SUBMITTED_AT,UPDATE_AT" },
        { "billing_payment", "PAYMENTPK,CLAIMPK,AMOUNT,PAID_AT,METHOD,UPDATE_AT" },
    };

    [Theory]
    [MemberData(nameof(Headers))]
    public void Generate_WhenWritingATable_ShouldStartWithTheVendorHeaderAndBomOnlyForCodes(string table, string header)
    {
        var bytes = _drop.Writer.Read($"{table}_{SharedDrop.DropId}.csv");
        var bom = table == "chart_code" ? new byte[] { 0xEF, 0xBB, 0xBF } : [];

        bytes.Take(bom.Length).Should().Equal(bom);
        Encoding.UTF8.GetString(bytes, bom.Length, header.Length + 2).Should().Be(header + "\r\n");
        bytes.AsSpan(bom.Length).StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }).Should().BeFalse();
        bytes[^2..].Should().Equal((byte)'\r', (byte)'\n');
        bytes.Count(b => b == (byte)'\n').Should().Be(bytes.Count(b => b == (byte)'\r'), "every line ends with CRLF");
    }

    [Fact]
    public void Generate_WhenValuesHoldCommasQuotesOrAccents_ShouldQuoteOnlyThoseAndKeepUtf8()
    {
        var codeText = Encoding.UTF8.GetString(_drop.Writer.Read($"chart_code_{SharedDrop.DropId}.csv"));
        var codes = _drop.Table("chart_code");
        var users = _drop.Table("register_users");
        var addresses = _drop.Table("register_address");

        codes.Values("DESCRIPTION").Should().Contain(d => d.Contains(',')).And.Contain(d => d.Contains('"'));
        codeText.Should().Contain("\"Encounter for \"\"well adult\"\" examination without abnormal findings\"");
        codeText.Should().Contain(",\"Hyperlipidemia, unspecified\",");
        codeText.Should().Contain(",Essential (primary) hypertension,", "fields without specials are not quoted");
        addresses.Values("STREET").Should().Contain(s => s.Contains(", Apt ", StringComparison.Ordinal));
        users.Values("UFNAME").Concat(users.Values("ULNAME")).Should().Contain(n => n.Any(c => c > 127));
        users.Values("UFNAME").Should().Contain(new[] { "José", "Zoë" });
        users.Values("ULNAME").Should().Contain("Nguyễn");
    }

    [Fact]
    public void Generate_WhenWritingNullableColumns_ShouldLeaveOnlyAFewEmptyEmails()
    {
        var patients = _drop.Table("register_users").Rows.Where(r => r[7] == "patient").ToList();
        var missing = patients.Count(r => r[4].Length == 0);

        missing.Should().BeGreaterThan(0).And.BeLessThan(patients.Count / 20);
    }

    [Fact]
    public void Generate_WhenWritingTimestamps_ShouldNeverGoPastTheDropTime()
    {
        var dropTime = _drop.DropTime;
        var columns = new[] { ("register_users", "UPDATE_AT"), ("register_address", "UPDATE_AT"), ("register_location", "UPDATE_AT"),
            ("chart_provider", "UPDATE_AT"), ("chart_code", "UPDATE_AT"), ("chart_appointment", "APPT_START"), ("chart_appointment", "UPDATE_AT"),
            ("chart_diagnosis", "UPDATE_AT"), ("billing_claim", "SUBMITTED_AT"), ("billing_claim", "UPDATE_AT"),
            ("billing_payment", "PAID_AT"), ("billing_payment", "UPDATE_AT") };

        foreach (var (table, column) in columns)
        {
            var times = _drop.Table(table).Values(column)
                .Select(v => DateTime.ParseExact(v, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).ToList();
            times.Should().OnlyContain(t => t <= dropTime && t > dropTime.AddYears(-3), $"{table}.{column} lies in the history before the drop");
        }

        var appointments = _drop.Table("chart_appointment");
        appointments.Values("APPT_START").Max().Should().StartWith(dropTime.ToString("yyyy-MM-", CultureInfo.InvariantCulture), "appointments run up to the drop");
    }

    [Fact]
    public void Generate_WhenWritingKeysAndAmounts_ShouldUsePlainInvariantNumbers()
    {
        _drop.Table("chart_appointment").Values("APPTPK").Should().OnlyContain(v => v.All(char.IsAsciiDigit));
        _drop.Table("billing_claim").Values("BILLED_AMOUNT").Should().Contain(v => v.EndsWith('0'), "trailing zeros are kept");
    }
}
