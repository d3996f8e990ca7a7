using System.Globalization;
using HealthDw.Core.Ports;

namespace HealthDw.Core.Publishing;

/// <summary>
/// Control totals the business checks by hand, checked on every drop before publishing: the
/// count of appointments and the sum of billed amounts must be the same in staging (latest
/// version of each row) and in the facts that will be published.
/// </summary>
public static class Reconciliation
{
    public sealed record Line(string Measure, decimal Staging, decimal Published)
    {
        public bool Matches => Staging == Published;

        public override string ToString() =>
            $"{Measure}: staging {Format(Staging)}, published {Format(Published)}{(Matches ? "" : $" (off by {Format(Published - Staging)})")}";

        private static string Format(decimal value) =>
            value.ToString(value == decimal.Truncate(value) ? "N0" : "N2", CultureInfo.InvariantCulture);
    }

    public static async Task<IReadOnlyList<Line>> RunAsync(ISqlRunner sql, string buildSchema, CancellationToken ct)
    {
        var row = (await sql.QueryAsync($"""
            select (select count(*) from {buildSchema}.stg_chart__appointment),
                   (select count(*) from {buildSchema}.fact_appointment),
                   (select coalesce(sum(billed_amount), 0) from {buildSchema}.stg_billing__claim),
                   (select coalesce(sum(billed_amount), 0) from {buildSchema}.fact_claim)
            """, ct))[0];
        decimal D(int i) => Convert.ToDecimal(row[i], CultureInfo.InvariantCulture);
        return [new Line("appointments", D(0), D(1)), new Line("billed amount", D(2), D(3))];
    }
}
