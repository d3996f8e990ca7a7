using HealthDw.Core.Doctor;

namespace HealthDw.Warehouse.Snowflake.Doctor;

/// <summary>The external stage the Load step COPYs from exists under its configured name and points at the drop bucket's
/// root (an object key is its path in the stage).</summary>
internal sealed class SnowflakeStageCheck(SnowflakeCatalog catalog, SnowflakeDoctorSettings settings) : IDoctorCheck
{
    public const string CheckName = "snowflake stage";

    public string Name => CheckName;

    public IReadOnlyList<string> Needs => ["snowflake schemas"];

    public async Task<DoctorFinding> RunAsync(CancellationToken ct)
    {
        SnowflakeStage stage;
        try
        {
            stage = SnowflakeStage.Parse(settings);
        }
        catch (ArgumentException e)
        {
            return SnowflakeNameMatch.Illegal(Name, "stage", e, settings.ConfiguredIn);
        }

        var rows = await catalog.RowsAsync(stage.ShowSql, ct);
        var match = SnowflakeNameMatch.Judge(Name, "stage", settings.Stage, stage.Stage, [.. rows.Select(r => r.GetValueOrDefault("name")).OfType<string>()],
            $"run step 8 of warehouse/snowflake/setup.sql (create stage {stage.Qualified} on s3://{settings.Bucket}/), or correct the stage in {settings.ConfiguredIn}",
            settings.ConfiguredIn);
        if (match.Status != DoctorStatus.Ok)
            return match;
        var url = rows.First(r => r.GetValueOrDefault("name") == stage.Stage.Name).GetValueOrDefault("url");
        if (!SnowflakeStage.IsBucketRoot(url, settings.Bucket))
            return DoctorFinding.Fail(Name, $"stage {stage.Qualified} reads {url ?? "no URL"}, not the drop bucket s3://{settings.Bucket}/",
                $"create or replace the stage on url = 's3://{settings.Bucket}/' (setup.sql step 8, as SYSADMIN)");
        return DoctorFinding.Ok(Name, $"{stage.Qualified} reads s3://{settings.Bucket}/");
    }
}
