using System.Globalization;
using System.Text;

namespace HealthDw.Tests.Support;

/// <summary>
/// A made-up export in the shape of Synthea's CSV export (its CSV data dictionary: upper-case headers with <c>Id</c>,
/// UUID keys, dates as yyyy-MM-dd, timestamps as 2019-02-17T05:07:38Z, costs as floats such as 49112.87100000001,
/// empty cells for absent values, descriptions with commas in quotes): 12 tables of a few dozen rows each, named
/// <c>&lt;table&gt;_&lt;drop&gt;.csv</c>, and a manifest with row counts and two control totals (the encounters and the
/// sum of their TOTAL_CLAIM_COST, exact, from the printed values). No value is real; all come from a seeded generator.
/// </summary>
public sealed class SyntheaExport
{
    public const string DropId = "20261201T0600";

    public static readonly IReadOnlyList<string> Tables =
    [
        "organizations", "payers", "providers", "patients", "encounters", "conditions",
        "medications", "observations", "procedures", "immunizations", "allergies", "careplans",
    ];

    private static readonly string[] Firsts = ["Ayla", "Bram", "Cleo", "Dario", "Edda", "Femi", "Gus", "Hana", "Ilse", "Joah", "Kiri", "Lio"];
    private static readonly string[] Lasts = ["Abernath", "Brisco", "Calloway", "Dunmore", "Everly", "Fenwick", "Galloway", "Hartigan"];
    private static readonly string[] Cities = ["Northfield", "Eastbrook", "Millbury", "Westhaven", "Ridgeport"];
    private static readonly string[] Classes = ["ambulatory", "emergency", "inpatient", "outpatient", "urgentcare", "wellness"];

    private readonly Random _random = new(20261201);
    private readonly Dictionary<string, List<string[]>> _rows = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, int> Rows => _rows.ToDictionary(p => p.Key, p => p.Value.Count, StringComparer.Ordinal);

    public int Encounters => _rows["encounters"].Count;

    /// <summary>The sum of the TOTAL_CLAIM_COST cells as written, in exact decimal arithmetic.</summary>
    public decimal TotalClaimCost => _rows["encounters"].Sum(r => decimal.Parse(r[11], NumberStyles.Float, CultureInfo.InvariantCulture));

    /// <summary>Writes the 12 files and the manifest into <paramref name="folder"/>; <paramref name="controlTotals"/> writes the
    /// manifest's control_totals object instead of the true one.</summary>
    public static SyntheaExport Write(string folder, Func<SyntheaExport, string>? controlTotals = null)
    {
        var export = new SyntheaExport();
        export.Generate();
        Directory.CreateDirectory(folder);
        var files = new List<string>();
        foreach (var (table, header) in Headers)
        {
            var name = $"{table}_{DropId}.csv";
            var text = new StringBuilder(header).Append('\n');
            foreach (var row in export._rows[table]) text.Append(string.Join(',', row.Select(Quote))).Append('\n');
            var bytes = Encoding.UTF8.GetBytes(text.ToString());
            File.WriteAllBytes(Path.Combine(folder, name), bytes);
            files.Add($$"""    {"name": "{{name}}", "table": "{{table}}", "rows": {{export._rows[table].Count}}, "bytes": {{bytes.Length}}}""");
        }

        var totals = controlTotals?.Invoke(export)
                     ?? $$"""{"encounters": {{export.Encounters}}, "total_claim_cost": "{{export.TotalClaimCost.ToString(CultureInfo.InvariantCulture)}}"}""";
        File.WriteAllText(Path.Combine(folder, $"_manifest_{DropId}.json"),
            $"{{\"drop\": \"{DropId}\", \"files\": [\n{string.Join(",\n", files)}\n  ],\n  \"control_totals\": {totals}}}\n");
        return export;
    }

    private static readonly (string Table, string Header)[] Headers =
    [
        ("organizations", "Id,NAME,ADDRESS,CITY,STATE,ZIP,LAT,LON,PHONE,REVENUE,UTILIZATION"),
        ("payers", "Id,NAME,ADDRESS,CITY,STATE_HEADQUARTERED,ZIP,PHONE,AMOUNT_COVERED,AMOUNT_UNCOVERED,REVENUE,COVERED_ENCOUNTERS,"
                   + "UNCOVERED_ENCOUNTERS,COVERED_MEDICATIONS,UNCOVERED_MEDICATIONS,COVERED_PROCEDURES,UNCOVERED_PROCEDURES,"
                   + "COVERED_IMMUNIZATIONS,UNCOVERED_IMMUNIZATIONS,UNIQUE_CUSTOMERS,QOLS_AVG,MEMBER_MONTHS"),
        ("providers", "Id,ORGANIZATION,NAME,GENDER,SPECIALITY,ADDRESS,CITY,STATE,ZIP,LAT,LON,ENCOUNTERS,PROCEDURES"),
        ("patients", "Id,BIRTHDATE,DEATHDATE,SSN,DRIVERS,PASSPORT,PREFIX,FIRST,MIDDLE,LAST,SUFFIX,MAIDEN,MARITAL,RACE,ETHNICITY,GENDER,"
                     + "BIRTHPLACE,ADDRESS,CITY,STATE,COUNTY,FIPS,ZIP,LAT,LON,HEALTHCARE_EXPENSES,HEALTHCARE_COVERAGE,INCOME"),
        ("encounters", "Id,START,STOP,PATIENT,ORGANIZATION,PROVIDER,PAYER,ENCOUNTERCLASS,CODE,DESCRIPTION,BASE_ENCOUNTER_COST,"
                       + "TOTAL_CLAIM_COST,PAYER_COVERAGE,REASONCODE,REASONDESCRIPTION"),
        ("conditions", "START,STOP,PATIENT,ENCOUNTER,CODE,DESCRIPTION"),
        ("medications", "START,STOP,PATIENT,PAYER,ENCOUNTER,CODE,DESCRIPTION,BASE_COST,PAYER_COVERAGE,DISPENSES,TOTALCOST,REASONCODE,REASONDESCRIPTION"),
        ("observations", "DATE,PATIENT,ENCOUNTER,CATEGORY,CODE,DESCRIPTION,VALUE,UNITS,TYPE"),
        ("procedures", "START,STOP,PATIENT,ENCOUNTER,CODE,DESCRIPTION,BASE_COST,REASONCODE,REASONDESCRIPTION"),
        ("immunizations", "DATE,PATIENT,ENCOUNTER,CODE,DESCRIPTION,BASE_COST"),
        ("allergies", "START,STOP,PATIENT,ENCOUNTER,CODE,SYSTEM,DESCRIPTION,TYPE,CATEGORY,REACTION1,DESCRIPTION1,SEVERITY1,REACTION2,DESCRIPTION2,SEVERITY2"),
        ("careplans", "Id,START,STOP,PATIENT,ENCOUNTER,CODE,DESCRIPTION,REASONCODE,REASONDESCRIPTION"),
    ];

    private void Generate()
    {
        var organizations = Make("organizations", 5, _ =>
            [Uuid(), $"{Pick(Cities)} Community Clinic", Street(), Pick(Cities), "MA", Zip(), Coordinate(42), Coordinate(-71), Phone(),
             Float(100_000, 900_000), Int(50, 900)]);
        var payers = Make("payers", 4, i =>
            [Uuid(), i == 0 ? "NO_INSURANCE" : $"Payer {(char)('A' + i)}", i == 0 ? "" : Street(), i == 0 ? "" : Pick(Cities), i == 0 ? "" : "MA",
             i == 0 ? "" : Zip(), i == 0 ? "" : Phone(), Float(10_000, 500_000), Float(1_000, 90_000), Float(0, 200_000), Int(10, 500), Int(0, 50),
             Int(10, 500), Int(0, 50), Int(10, 500), Int(0, 50), Int(10, 500), Int(0, 50), Int(5, 90), Float(0, 1), Int(100, 9_000)]);
        var providers = Make("providers", 10, _ =>
            [Uuid(), Pick(organizations), $"{Pick(Firsts)} {Pick(Lasts)}", Pick(["M", "F"]), Pick(["GENERAL PRACTICE", "INTERNAL MEDICINE", "PEDIATRICS"]),
             Street(), Pick(Cities), "MA", Zip(), Coordinate(42), Coordinate(-71), Int(0, 400), Int(0, 90)]);
        var patients = Make("patients", 30, i =>
            [Uuid(), Date(1940, 2015), i % 9 == 4 ? Date(2016, 2025) : "", $"999-{Int(10, 99)}-{Int(1000, 9999)}", i % 3 == 0 ? "" : $"S999{Int(10000, 99999)}",
             i % 4 == 0 ? "" : $"X{Int(10000000, 99999999)}X", Pick(["Mr.", "Mrs.", "Ms.", ""]), Pick(Firsts), i % 2 == 0 ? "" : Pick(Firsts), Pick(Lasts),
             "", i % 5 == 0 ? Pick(Lasts) : "", Pick(["M", "S", ""]), Pick(["white", "black", "asian", "other"]), Pick(["hispanic", "nonhispanic"]),
             Pick(["M", "F"]), $"{Pick(Cities)}  Massachusetts  US", Street(), Pick(Cities), "Massachusetts", "Middlesex County", i % 6 == 0 ? "" : "25017",
             i % 7 == 0 ? "" : Zip(), Coordinate(42), Coordinate(-71), Float(1_000, 900_000), Float(0, 90_000), Int(12_000, 150_000)]);
        var encounters = Make("encounters", 48, i =>
        {
            var start = Timestamp();
            var baseCost = Float(50, 200);
            return
            [
                Uuid(), start.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                i % 10 == 3 ? "" : start.AddMinutes(_random.Next(15, 240)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                Pick(patients), Pick(organizations), Pick(providers), Pick(payers), Pick(Classes), Pick(["185349003", "162673000", "50849002"]),
                Pick(["Encounter for check up (procedure)", "General examination of patient (procedure)", "Emergency room admission (procedure)"]),
                baseCost, i == 0 ? "49112.87100000001" : Float(100, 9_000), Float(0, 100), i % 2 == 0 ? "" : "444814009",
                i % 2 == 0 ? "" : "Viral sinusitis (disorder)",
            ];
        });
        Make("conditions", 36, _ =>
            [Date(2015, 2026), _random.Next(3) == 0 ? "" : Date(2016, 2026), Pick(patients), Pick(encounters), Pick(["444814009", "59621000", "15777000"]),
             Pick(["Viral sinusitis (disorder)", "Hypertension, essential (disorder)", "Prediabetes"])]);
        Make("medications", 30, _ =>
            [TimestampText(), _random.Next(2) == 0 ? "" : TimestampText(), Pick(patients), Pick(payers), Pick(encounters), Pick(["308136", "834060"]),
             Pick(["amLODIPine 2.5 MG Oral Tablet", "Penicillin V Potassium 250 MG Oral Tablet"]), Float(1, 300), Float(0, 100), Int(1, 24), Float(1, 7_000),
             "", ""]);
        Make("observations", 72, i =>
            i % 4 == 0
                ? [TimestampText(), Pick(patients), Pick(encounters), "survey", "72166-2", "Tobacco smoking status", "Never smoked tobacco (finding)", "", "text"]
                : [TimestampText(), Pick(patients), Pick(encounters), "vital-signs", "8302-2", "Body Height", Float(50, 200), "cm", "numeric"]);
        Make("procedures", 30, _ =>
            [TimestampText(), TimestampText(), Pick(patients), Pick(encounters), Pick(["430193006", "710824005"]),
             Pick(["Medication Reconciliation (procedure)", "Assessment of health and social care needs (procedure)"]), Float(100, 2_000), "", ""]);
        Make("immunizations", 20, _ =>
            [TimestampText(), Pick(patients), Pick(encounters), Pick(["140", "08"]), Pick(["Influenza, seasonal, injectable, preservative free", "Hep B, adolescent or pediatric"]),
             "136"]);
        Make("allergies", 12, i =>
            [Date(1990, 2026), "", Pick(patients), Pick(encounters), Pick(["419474003", "300916003"]), "SNOMED-CT", Pick(["Allergy to mould", "Latex allergy"]),
             "allergy", "environment", i % 2 == 0 ? "" : "247472004", i % 2 == 0 ? "" : "Wheal (finding)", i % 2 == 0 ? "" : "MILD", "", "", ""]);
        Make("careplans", 15, _ =>
            [Uuid(), Date(2015, 2026), _random.Next(2) == 0 ? "" : Date(2016, 2026), Pick(patients), Pick(encounters), "53950000",
             "Respiratory therapy", "", ""]);
    }

    private List<string[]> Make(string table, int count, Func<int, string[]> row)
    {
        var rows = Enumerable.Range(0, count).Select(row).ToList();
        _rows[table] = rows;
        return rows;
    }

    private string Pick(List<string[]> rows) => rows[_random.Next(rows.Count)][0];

    private string Pick(string[] values) => values[_random.Next(values.Length)];

    private string Uuid()
    {
        var bytes = new byte[16];
        _random.NextBytes(bytes);
        return new Guid(bytes).ToString("D");
    }

    private string Int(int min, int max) => _random.Next(min, max).ToString(CultureInfo.InvariantCulture);

    /// <summary>A float as the export prints it: the shortest text that round-trips, artefacts such as …00000001 included.</summary>
    private string Float(int min, int max) => (_random.Next(min * 100, max * 100) / 100.0 * 1.1).ToString("R", CultureInfo.InvariantCulture);

    private string Coordinate(int near) => (near + _random.NextDouble()).ToString("R", CultureInfo.InvariantCulture);

    private string Date(int fromYear, int toYear) =>
        new DateTime(fromYear, 1, 1).AddDays(_random.Next((toYear - fromYear) * 365)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private DateTime Timestamp() => new DateTime(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(_random.Next(0, 11 * 365 * 86_400));

    private string TimestampText() => Timestamp().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private string Street() => $"{_random.Next(1, 999)} {Pick(Lasts)} Street Suite {_random.Next(1, 99)}";

    private string Zip() => $"0{_random.Next(1000, 2799)}";

    private string Phone() => $"555-01{_random.Next(10, 99)}";

    private static string Quote(string cell) =>
        cell.Contains(',', StringComparison.Ordinal) || cell.Contains('"', StringComparison.Ordinal) ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : cell;
}
