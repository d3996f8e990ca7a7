using HealthDw.Core.Lineage;

namespace HealthDw.Tests.Core.Lineage;

/// <summary>Issue 15, item 3: how the KEY of <c>healthdw trace MODEL KEY</c> is written for one column and for several.</summary>
public class RowKeyTests
{
    private static readonly string[] Composite = ["provider_pk", "appt_date"];

    [Theory]
    [InlineData("1042", "appointment_pk=1042")]
    [InlineData("appointment_pk=1042", "appointment_pk=1042")]
    [InlineData("a,b", "appointment_pk=\"a,b\"")]
    public void Parse_WhenTheKeyHasOneColumn_ShouldTakeTheValueAsTyped(string text, string expected) =>
        RowKey.Parse("fact_appointment", ["appointment_pk"], text).ToString().Should().Be(expected);

    [Theory]
    [InlineData("14,2026-11-03")]
    [InlineData("appt_date=2026-11-03,provider_pk=14")]
    public void Parse_WhenTheKeyIsComposite_ShouldTakeValuesInKeyOrderOrByName(string text) =>
        RowKey.Parse("kpi_visits_per_provider_day", Composite, text).ToString().Should().Be("provider_pk=14, appt_date=2026-11-03");

    [Theory]
    [InlineData("\"Acme Health Plan, Inc.\",2025-01-01")]
    [InlineData("submitted_month=2025-01-01,payer=\"Acme Health Plan, Inc.\"")]
    public void Parse_WhenAValueHoldsAComma_ShouldTakeItQuotedAsInCsv(string text)
    {
        var key = RowKey.Parse("kpi_denial_rate", ["payer", "submitted_month"], text);

        key.Parts.Select(p => p.Value).Should().Equal("Acme Health Plan, Inc.", "2025-01-01");
        key.ToString().Should().Be("payer=\"Acme Health Plan, Inc.\", submitted_month=2025-01-01");
    }

    [Theory]
    [InlineData("14", "kpi_visits_per_provider_day's key is provider_pk,appt_date: write 2 values separated by commas in that order, or name them as column=value")]
    [InlineData("provider_pk=14,day=2026-11-03", "kpi_visits_per_provider_day's key is provider_pk,appt_date: 'appt_date' is not given")]
    public void Parse_WhenTheCompositeKeyIsIncomplete_ShouldSayHowToWriteIt(string text, string message)
    {
        var act = () => RowKey.Parse("kpi_visits_per_provider_day", Composite, text);

        act.Should().Throw<RowTraceException>().WithMessage(message);
    }
}
