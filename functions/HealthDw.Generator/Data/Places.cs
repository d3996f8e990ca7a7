using System.Collections.Immutable;
using System.Globalization;
using HealthDw.Generator.Model;

namespace HealthDw.Generator.Data;

/// <summary>Synthetic street addresses, cities and clinic names.</summary>
internal static class Places
{
    public static readonly ImmutableArray<City> Cities =
    [
        new("Springfield", "IL", 627), new("Portland", "OR", 972), new("Austin", "TX", 787),
        new("Boston", "MA", 21), new("Newark", "NJ", 71), new("Española", "NM", 875),
        new("Cañon City", "CO", 812), new("Columbus", "OH", 432), new("Madison", "WI", 537),
        new("Raleigh", "NC", 276), new("Tucson", "AZ", 857), new("Sacramento", "CA", 958),
        new("Burlington", "VT", 54), new("Albany", "NY", 122), new("Richmond", "VA", 232),
        new("Nashville", "TN", 372), new("Boise", "ID", 837), new("Des Moines", "IA", 503),
        new("Omaha", "NE", 681), new("Savannah", "GA", 314), new("Anchorage", "AK", 995),
        new("Honolulu", "HI", 968), new("Provo", "UT", 846), new("Fargo", "ND", 581),
        new("Saint Paul", "MN", 551), new("Coeur d'Alene", "ID", 838), new("Kalamazoo", "MI", 490),
        new("Hartford", "CT", 61), new("San Germán", "PR", 6), new("Louisville", "KY", 402),
    ];

    private static readonly ImmutableArray<string> StreetNames =
    [
        "Main", "Oak", "Pine", "Maple", "Cedar", "Elm", "Washington", "Lake", "Hill", "Park",
        "Sunset", "Highland", "Church", "River", "Mill", "Spring", "Ridge", "Jefferson", "Lincoln", "Madison",
        "Franklin", "Walnut", "Chestnut", "Willow", "Martin Luther King Jr", "El Camino Real", "Peña", "Orchard",
    ];

    private static readonly ImmutableArray<string> StreetSuffixes = ["St", "Ave", "Blvd", "Rd", "Ln", "Dr", "Ct", "Way", "Pl"];

    private static readonly ImmutableArray<string> Areas =
    [
        "Northside", "Riverside", "Lakeview", "Downtown", "Westgate", "Hillcrest", "Eastwood", "Maplewood",
        "Cedar Park", "Sunnyvale", "Brookside", "Fairview", "Oak Ridge", "Pine Valley", "Meadowbrook", "Harbor",
        "Summit", "Willow Creek", "Bayview", "Kingsport",
    ];

    private static readonly ImmutableArray<string> ClinicKinds =
    [
        "Family Clinic", "Medical Center", "Health Center", "Primary Care", "Urgent Care", "Pediatrics",
    ];

    /// <summary>"1234 Oak St", sometimes with a unit after a comma ("12 Main St, Apt 4"), which CSV must quote.</summary>
    public static string Street(ref Prng rng)
    {
        var number = rng.Between(1, 9_899).ToString(CultureInfo.InvariantCulture);
        var street = $"{number} {rng.Pick(StreetNames)} {rng.Pick(StreetSuffixes)}";
        var unit = rng.NextDouble();
        return unit switch
        {
            < 0.08 => $"{street}, Apt {rng.Between(1, 40).ToString(CultureInfo.InvariantCulture)}",
            < 0.11 => $"{street}, Unit {rng.Between(1, 9).ToString(CultureInfo.InvariantCulture)}{(char)('A' + rng.Below(6))}",
            < 0.13 => $"{street} #{rng.Between(100, 999).ToString(CultureInfo.InvariantCulture)}",
            _ => street,
        };
    }

    /// <summary>A ZIP code in the city's range, as a number below 100,000 (written with 5 digits).</summary>
    public static int Zip(City city, ref Prng rng) => (city.ZipPrefix * 100) + rng.Below(100);

    /// <summary>Unique clinic names: "Northside Family Clinic", "Harbor Health Center, Building B", "Lakeview Urgent Care 2".</summary>
    public static string LocationName(long index)
    {
        var area = Areas[(int)(index % Areas.Length)];
        var round = index / Areas.Length;
        var kind = ClinicKinds[(int)((index + round) % ClinicKinds.Length)];
        var name = round == 0 ? $"{area} {kind}" : $"{area} {kind} {(round + 1).ToString(CultureInfo.InvariantCulture)}";
        return index % 7 == 3 ? $"{name}, Building {(char)('A' + (index % 4))}" : name;
    }
}
