using HealthDw.Generator.Tests.Support;

namespace HealthDw.Generator.Tests;

/// <summary>
/// A second drop may come at another scale (the demo writes 0.5, <c>generate</c> defaults to 0.1). Staging keeps the latest
/// version of every key across drops, so a key must name the same entity in both: a UID that is a provider in one drop
/// and a patient in the other leaves appointments whose patient is no patient (issue 12, item 10).
/// </summary>
public sealed class IdentityAcrossScalesTests
{
    private static readonly GeneratedDropFiles Small = new(new GeneratorOptions(0.01, 42, "20261121T0200"));
    private static readonly GeneratedDropFiles Large = new(new GeneratorOptions(0.03, 42, "20261122T0200"));

    [Fact]
    public void Generate_WhenScaleDiffers_ShouldKeepEveryUserTheSamePersonOfTheSameKind()
    {
        var small = ByKey(Small.Table("register_users"), "UIDPK", "UID", "UFNAME", "ULNAME", "USERTYPE", "GENDER", "AGE");
        var large = ByKey(Large.Table("register_users"), "UIDPK", "UID", "UFNAME", "ULNAME", "USERTYPE", "GENDER", "AGE");

        small.Keys.Intersect(large.Keys).Should().HaveCount(small.Count, "every user of the small drop is in the large one");
        foreach (var (key, person) in small)
            large[key].Should().Be(person, $"UIDPK {key} is one person at every scale");
        var kindByUid = Small.Table("register_users").Rows.Concat(Large.Table("register_users").Rows)
            .GroupBy(r => r[1]).ToDictionary(g => g.Key, g => g.Select(r => r[7]).Distinct().ToList());
        kindByUid.Should().OnlyContain(k => k.Value.Count == 1, "a UID never changes from provider to patient");
    }

    [Fact]
    public void Generate_WhenScaleDiffers_ShouldGiveAnAddressAndAProviderRowTheSameUser()
    {
        ByKey(Large.Table("register_address"), "ADDRESSPK", "UID").Should().Contain(ByKey(Small.Table("register_address"), "ADDRESSPK", "UID"));
        ByKey(Large.Table("chart_provider"), "PROVIDERPK", "UID", "PROVIDER_NPI").Should().Contain(ByKey(Small.Table("chart_provider"), "PROVIDERPK", "UID", "PROVIDER_NPI"));
    }

    [Fact]
    public void Generate_WhenScaleDiffers_ShouldKeepClaimsPaymentsAndDiagnosesOnTheSameAppointment()
    {
        ByKey(Large.Table("billing_claim"), "CLAIMPK", "APPTPK", "CPT_CODEPK").Should().Contain(ByKey(Small.Table("billing_claim"), "CLAIMPK", "APPTPK", "CPT_CODEPK"));
        var smallPayments = ByKey(Small.Table("billing_payment"), "PAYMENTPK", "CLAIMPK");
        var largePayments = ByKey(Large.Table("billing_payment"), "PAYMENTPK", "CLAIMPK");
        var both = smallPayments.Keys.Intersect(largePayments.Keys).ToList();
        both.Should().HaveCountGreaterThan(smallPayments.Count * 9 / 10, "a claim paid before the first drop is still paid a day later");
        both.Should().OnlyContain(k => smallPayments[k] == largePayments[k], "a payment stays on its claim");
        ByKey(Large.Table("chart_diagnosis"), "DIAGPK", "APPTPK", "CODEPK", "IS_PRIMARY")
            .Should().Contain(ByKey(Small.Table("chart_diagnosis"), "DIAGPK", "APPTPK", "CODEPK", "IS_PRIMARY"));
    }

    /// <summary>Key column → the other named columns, joined.</summary>
    private static Dictionary<string, string> ByKey(CsvFile table, string key, params string[] columns) =>
        table.Rows.ToDictionary(r => r[table.Column(key)], r => string.Join('|', columns.Select(c => r[table.Column(c)])));
}
