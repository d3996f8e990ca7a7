using HealthDw.Generator.Csv;
using HealthDw.Generator.Data;
using HealthDw.Generator.Model;

namespace HealthDw.Generator.Tables;

internal sealed class LocationTable() : TableSource(
    "register_location", "LOCATIONPK,LOCATION_NAME,STREET,CITY,STATE,ZIP,UPDATE_AT", 20)
{
    public override long Write(DropModel model, CsvTableWriter csv, long maxRows)
    {
        var rows = Math.Min(maxRows, model.Plan.Locations);
        for (long i = 0; i < rows; i++)
        {
            var rng = Prng.For(model.Seed, Tag, i);
            var city = rng.Pick(Places.Cities);
            csv.Int(i + 1);
            csv.Text(Places.LocationName(i));
            csv.Text(Places.Street(ref rng));
            csv.Text(city.Name);
            csv.Text(city.State);
            csv.Digits(Places.Zip(city, ref rng), 5);
            csv.Timestamp(model.RecentTime(ref rng, 730));
            csv.EndRow();
        }

        return rows;
    }
}
