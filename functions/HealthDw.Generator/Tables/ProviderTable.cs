using HealthDw.Generator.Csv;
using HealthDw.Generator.Data;
using HealthDw.Generator.Model;

namespace HealthDw.Generator.Tables;

/// <summary>One row per provider user; NPIs are unique 10-digit numbers with a valid Luhn check digit.</summary>
internal sealed class ProviderTable() : TableSource(
    "chart_provider", "PROVIDERPK,UID,PROVIDER_NPI,PROVIDER_SPECIALTY,UPDATE_AT", 200)
{
    private const long NpiSpan = 200_000_000; // real NPIs start with 1 or 2

    public override long Write(DropModel model, CsvTableWriter csv, long maxRows)
    {
        var rows = Math.Min(maxRows, model.Plan.Providers);
        var offset = (long)((uint)model.Seed % NpiSpan);
        for (long i = 0; i < rows; i++)
        {
            var rng = Prng.For(model.Seed, Tag, i);
            csv.Int(i + 1);
            csv.Int(model.Users.ProviderUid(i));
            csv.Int(Npi(i, offset));
            csv.Text(rng.Pick(CareTerms.Specialties));
            csv.Timestamp(model.RecentTime(ref rng, 730));
            csv.EndRow();
        }

        return rows;
    }

    /// <summary>9 identifying digits (a bijection of the index: 7^10 is prime to the span) + the NPI Luhn digit.</summary>
    private static long Npi(long index, long offset)
    {
        var body = 100_000_000 + (((index * 282_475_249) + offset) % NpiSpan);

        // NPI check digit: Luhn over "80840" + the 9 digits; the prefix contributes 24.
        var sum = 24;
        var digits = body;
        for (var position = 0; position < 9; position++, digits /= 10)
        {
            var d = (int)(digits % 10);
            if (position % 2 == 0)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return (body * 10) + ((10 - (sum % 10)) % 10);
    }
}
