using HealthDw.Generator.Csv;
using HealthDw.Generator.Data;
using HealthDw.Generator.Model;

namespace HealthDw.Generator.Tables;

/// <summary>One address per user; ADDRESSPK is the user's UIDPK, and its random stream is keyed by it, so an address belongs to the same person at every scale.</summary>
internal sealed class AddressTable() : TableSource(
    "register_address", "ADDRESSPK,UID,STREET,CITY,STATE,ZIP,UPDATE_AT", 10_300)
{
    public override long Write(DropModel model, CsvTableWriter csv, long maxRows)
    {
        var rows = Math.Min(maxRows, model.Plan.Users);
        for (long i = 0; i < rows; i++)
        {
            var key = model.Users.KeyOf(i);
            var rng = Prng.For(model.Seed, Tag, key - 1);
            var city = rng.Pick(Places.Cities);
            csv.Int(key);
            csv.Int(UserModel.UidOfKey(key));
            csv.Text(Places.Street(ref rng));
            csv.Text(city.Name);
            csv.Text(city.State);
            var zip = Places.Zip(city, ref rng);
            if (rng.Chance(0.003))
            {
                csv.Null();
            }
            else
            {
                csv.Digits(zip, 5);
            }

            csv.Timestamp(model.RecentTime(ref rng, 730));
            csv.EndRow();
        }

        return rows;
    }
}
