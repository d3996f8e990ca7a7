using HealthDw.Core.Doctor;

namespace HealthDw.Warehouse.Snowflake.Doctor;

/// <summary>The schemas the pipeline writes (staging, analytics, audit) exist in the database (<c>SHOW SCHEMAS IN DATABASE</c>).</summary>
internal sealed class SnowflakeSchemasCheck(SnowflakeCatalog catalog, SnowflakeDoctorSettings settings) : IDoctorCheck
{
    public string Name => "snowflake schemas";

    public IReadOnlyList<string> Needs => ["snowflake database"];

    public async Task<DoctorFinding> RunAsync(CancellationToken ct)
    {
        var database = SnowflakeIdentifier.Parse(settings.Database, "the database");
        var shown = await catalog.NamesAsync($"show schemas in database {database.Sql}", ct);
        foreach (var schema in settings.Schemas)
        {
            var finding = SnowflakeNameMatch.Judge(Name, "schema", schema, SnowflakeIdentifier.Parse(schema, "the schema"), shown,
                $"run step 1 of warehouse/snowflake/setup.sql (create schema if not exists {database.Sql}.{schema})", "the pipeline's SQL");
            if (finding.Status != DoctorStatus.Ok)
                return finding;
        }

        return DoctorFinding.Ok(Name, $"{database.Name}: {string.Join(", ", settings.Schemas.Select(s => SnowflakeIdentifier.Parse(s).Name))} exist");
    }
}
