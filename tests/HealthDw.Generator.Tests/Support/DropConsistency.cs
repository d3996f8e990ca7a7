using System.Globalization;
using System.Text.RegularExpressions;

namespace HealthDw.Generator.Tests.Support;

/// <summary>Checks that a parsed drop is referentially consistent and well formed, table by table.</summary>
public static partial class DropConsistency
{
    public static void ShouldBeConsistent(GeneratedDropFiles drop)
    {
        foreach (var name in GeneratedDropFiles.TableNames)
        {
            var table = drop.Table(name);
            table.Rows.Should().NotBeEmpty($"{name} has rows at scale {drop.Options.Scale}");
            for (var c = 0; c < table.Header.Count; c++)
            {
                if (table.Header[c] is "EMAIL" or "ZIP")
                {
                    continue;
                }

                table.Rows.Should().OnlyContain(r => r[c].Length > 0, $"{name}.{table.Header[c]} is never null");
            }
        }

        var users = drop.Table("register_users");
        Unique(users, "UIDPK");
        Unique(users, "UID");
        var typeByUid = users.Rows.ToDictionary(r => r[users.Column("UID")], r => r[users.Column("USERTYPE")]);
        users.Values("USERTYPE").Should().OnlyContain(v => v == "patient" || v == "provider" || v == "staff");
        users.Values("GENDER").Should().OnlyContain(v => v == "M" || v == "F" || v == "U");
        users.Rows.Should().OnlyContain(r => AgeIsValid(r[users.Column("AGE")], r[users.Column("USERTYPE")]));
        var emails = users.Values("EMAIL").Where(e => e.Length > 0).ToList();
        emails.Should().OnlyHaveUniqueItems().And.OnlyContain(e => e.Contains('@'));
        users.Rows.Where(r => r[users.Column("USERTYPE")] != "patient").Should().OnlyContain(r => r[users.Column("EMAIL")].Length > 0);
        new[] { "patient", "provider", "staff" }.Should().BeSubsetOf(typeByUid.Values);

        var addresses = drop.Table("register_address");
        Unique(addresses, "ADDRESSPK");
        Unique(addresses, "UID");
        addresses.Values("UID").Should().OnlyContain(uid => typeByUid.ContainsKey(uid));
        addresses.Rows.Should().HaveCount(users.Rows.Count, "every user has one address");
        addresses.Values("STATE").Should().OnlyContain(s => StateCode().IsMatch(s));
        addresses.Values("ZIP").Should().OnlyContain(z => z.Length == 0 || ZipCode().IsMatch(z));

        var locations = drop.Table("register_location");
        locations.Rows.Count.Should().BeGreaterThanOrEqualTo(3);
        var locationKeys = Unique(locations, "LOCATIONPK");
        locations.Values("ZIP").Should().OnlyContain(z => ZipCode().IsMatch(z));

        var providers = drop.Table("chart_provider");
        Unique(providers, "PROVIDERPK");
        Unique(providers, "UID");
        Unique(providers, "PROVIDER_NPI").Should().OnlyContain(npi => Npi().IsMatch(npi));
        providers.Values("UID").Should().OnlyContain(uid => typeByUid.GetValueOrDefault(uid) == "provider");

        var codes = drop.Table("chart_code");
        var codeKeys = Unique(codes, "CODEPK");
        Unique(codes, "CODE");
        var codeTypeByPk = codes.Rows.ToDictionary(r => r[0], r => r[codes.Column("CODE_TYPE")]);
        codeTypeByPk.Values.Should().OnlyContain(t => t == "ICD10" || t == "CPT");
        codeKeys.Should().NotBeEmpty();

        var appointments = drop.Table("chart_appointment");
        Unique(appointments, "APPTPK");
        appointments.Values("PATIENT_UID").Should().OnlyContain(uid => typeByUid.GetValueOrDefault(uid) == "patient");
        appointments.Values("PROVIDER_UID").Should().OnlyContain(uid => typeByUid.GetValueOrDefault(uid) == "provider");
        appointments.Values("LOCATIONPK").Should().OnlyContain(pk => locationKeys.Contains(pk));
        appointments.Values("STATUS").Should().OnlyContain(s => s == "completed" || s == "no_show" || s == "cancelled" || s == "scheduled");
        var statusByAppt = appointments.Rows.ToDictionary(r => r[0], r => r[appointments.Column("STATUS")]);

        var diagnoses = drop.Table("chart_diagnosis");
        Unique(diagnoses, "DIAGPK");
        diagnoses.Values("APPTPK").Should().OnlyContain(pk => statusByAppt.GetValueOrDefault(pk) == "completed");
        diagnoses.Values("CODEPK").Should().OnlyContain(pk => codeTypeByPk.GetValueOrDefault(pk) == "ICD10");
        diagnoses.Values("IS_PRIMARY").Should().OnlyContain(v => v == "true" || v == "false");
        diagnoses.Rows.GroupBy(r => r[diagnoses.Column("APPTPK")])
            .Should().OnlyContain(g => g.Count(r => r[diagnoses.Column("IS_PRIMARY")] == "true") == 1, "each diagnosed appointment has exactly one primary");

        var claims = drop.Table("billing_claim");
        Unique(claims, "CLAIMPK");
        Unique(claims, "APPTPK").Should().OnlyContain(pk => statusByAppt.GetValueOrDefault(pk) == "completed");
        claims.Values("CPT_CODEPK").Should().OnlyContain(pk => codeTypeByPk.GetValueOrDefault(pk) == "CPT");
        claims.Values("BILLED_AMOUNT").Concat(claims.Values("ALLOWED_AMOUNT")).Should().OnlyContain(a => Amount().IsMatch(a));
        claims.Rows.Should().OnlyContain(r => Money(r[claims.Column("ALLOWED_AMOUNT")]) <= Money(r[claims.Column("BILLED_AMOUNT")]));
        claims.Values("STATUS").Should().OnlyContain(s => s == "submitted" || s == "paid" || s == "denied" || s == "adjusted");
        var claimByPk = claims.Rows.ToDictionary(r => r[0]);

        var payments = drop.Table("billing_payment");
        Unique(payments, "PAYMENTPK");
        Unique(payments, "CLAIMPK").Should().OnlyContain(pk => claimByPk.ContainsKey(pk));
        payments.Values("AMOUNT").Should().OnlyContain(a => Amount().IsMatch(a));
        payments.Rows.Should().OnlyContain(r =>
            (claimByPk[r[1]][claims.Column("STATUS")] == "paid" || claimByPk[r[1]][claims.Column("STATUS")] == "adjusted")
            && Money(r[payments.Column("AMOUNT")]) <= Money(claimByPk[r[1]][claims.Column("ALLOWED_AMOUNT")]));
    }

    private static HashSet<string> Unique(CsvFile table, string column)
    {
        var values = table.Values(column).ToList();
        values.Should().OnlyHaveUniqueItems($"{column} is a key");
        values.Should().OnlyContain(v => v.Length > 0);
        return [.. values];
    }

    private static bool AgeIsValid(string age, string type)
    {
        var value = int.Parse(age, CultureInfo.InvariantCulture);
        return type == "provider" ? value is >= 25 and <= 80 : value is >= 0 and <= 99;
    }

    private static decimal Money(string value) => decimal.Parse(value, CultureInfo.InvariantCulture);

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex StateCode();

    [GeneratedRegex("^[0-9]{5}$")]
    private static partial Regex ZipCode();

    [GeneratedRegex("^[12][0-9]{9}$")]
    private static partial Regex Npi();

    [GeneratedRegex(@"^[0-9]+\.[0-9]{2}$")]
    private static partial Regex Amount();
}
