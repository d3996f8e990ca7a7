using HealthDw.Generator;

namespace HealthDw.Generator.Tests.Support;

/// <summary>A generated drop in memory, with its tables parsed (parts joined in order).</summary>
public sealed class GeneratedDropFiles
{
    private readonly Dictionary<string, CsvFile> _tables = new(StringComparer.Ordinal);

    public GeneratedDropFiles(GeneratorOptions options)
    {
        Options = options;
        Writer = new InMemoryDropWriter();
        Drop = new ExtractGenerator().Generate(options, Writer);
    }

    public static readonly string[] TableNames =
    [
        "register_users", "register_address", "register_location", "chart_provider", "chart_code",
        "chart_appointment", "chart_diagnosis", "billing_claim", "billing_payment",
    ];

    public GeneratorOptions Options { get; }

    public InMemoryDropWriter Writer { get; }

    public GeneratedDrop Drop { get; }

    public DateTime DropTime => DateTime.ParseExact(Options.DropId, "yyyyMMdd'T'HHmm", System.Globalization.CultureInfo.InvariantCulture);

    public CsvFile Table(string table)
    {
        if (!_tables.TryGetValue(table, out var parsed))
        {
            var parts = Drop.Files.Where(f => f.Table == table).OrderBy(f => f.Part).Select(f => CsvFile.Parse(Writer.Read(f.Name))).ToList();
            parts.Should().NotBeEmpty($"{table} was written");
            parsed = parts[0] with { Rows = parts.SelectMany(p => p.Rows).ToList() };
            _tables[table] = parsed;
        }

        return parsed;
    }
}
