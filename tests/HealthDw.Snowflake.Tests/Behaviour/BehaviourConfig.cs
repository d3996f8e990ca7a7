using HealthDw.Core.Configuration;

namespace HealthDw.Snowflake.Tests.Behaviour;

/// <summary>The suite's own small configuration: two tables, one reference, every column type a contract supports.</summary>
internal static class BehaviourConfig
{
    public const string Provider = "provider";
    public const string Appointment = "appointment";

    public static PipelineConfig Pipeline { get; } = PipelineConfigLoader.Load(Files());

    /// <summary>The configuration with one column's type changed, as a team edits a contract between two drops.</summary>
    public static PipelineConfig WithColumnType(string table, string column, string type) => WithColumnType(table, (column, type));

    public static PipelineConfig WithColumnType(string table, params (string Column, string Type)[] changes) => PipelineConfigLoader.Load(
        [.. Files().Select(f => f.Path == $"contracts/{table}.yml"
            ? f with { Text = changes.Aggregate(f.Text, (text, c) =>
                System.Text.RegularExpressions.Regex.Replace(text, $@"(name: {c.Column},\s+type: )('[^']*'|[\w()]+)", $"$1'{c.Type}'")) }
            : f)]);

    /// <summary>The configuration with one column added to a contract after <paramref name="after"/> and another one taken
    /// out of it, as a team edits a contract between two drops.</summary>
    public static PipelineConfig WithColumnAddedAndRemoved(string table, string after, string added, string removed) => PipelineConfigLoader.Load(
        [.. Files().Select(f => f.Path == $"contracts/{table}.yml"
            ? f with { Text = string.Join('\n', f.Text.Split('\n')
                .Where(line => !line.Contains($"name: {removed},", StringComparison.Ordinal))
                .SelectMany(line => line.Contains($"name: {after},", StringComparison.Ordinal) ? [line, $"  - {added}"] : new[] { line })) }
            : f)]);

    /// <summary>The configuration with a third table, <c>reading</c>: an id and a double.</summary>
    public static PipelineConfig WithReadings { get; } = PipelineConfigLoader.Load(
    [
        .. Files().Select(f => f.Path == PipelineConfigLoader.RoutesFile ? f with { Text = f.Text + "\n  - table: reading\n" } : f),
        new ConfigFile("contracts/reading.yml", """
            table: reading
            columns:
              - { name: reading_id, type: integer, nullable: false }
              - { name: value,      type: double }
            """),
    ]);

    private static ConfigFile[] Files() =>
    [
        new ConfigFile(PipelineConfigLoader.RoutesFile, """
            file_pattern: '^{table}_(?<drop>\d{8}T\d{4})(?:_part(?<part>\d+))?\.csv$'
            routes:
              - table: provider
              - table: appointment
            """),
        new ConfigFile("contracts/provider.yml", """
            table: provider
            primary_key: [provider_id]
            columns:
              - { name: provider_id, type: integer,       nullable: false }
              - { name: npi,         type: varchar(10),   nullable: false }
              - { name: name,        type: text }
              - { name: started,     type: date }
              - { name: active,      type: boolean }
              - { name: rate,        type: 'decimal(10,2)' }
            """),
        new ConfigFile("contracts/appointment.yml", """
            table: appointment
            primary_key: [appointment_id]
            columns:
              - { name: appointment_id, type: bigint,    nullable: false }
              - { name: provider_id,    type: integer,   references: provider.provider_id }
              - { name: booked_at,      type: timestamp }
            """),
    ];

    public static TableContract Contract(string table) => Pipeline.Contract(table);
}
