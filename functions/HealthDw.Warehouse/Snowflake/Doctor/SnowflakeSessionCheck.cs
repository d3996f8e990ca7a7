using HealthDw.Core.Doctor;

namespace HealthDw.Warehouse.Snowflake.Doctor;

/// <summary>A statement with the role, warehouse and database in the request, as the pipeline sends them: the user has
/// been granted the role and the role may use the warehouse and the database.</summary>
internal sealed class SnowflakeSessionCheck(SnowflakeSqlClient session, SnowflakeDoctorSettings settings) : IDoctorCheck
{
    public const string CheckName = "snowflake session";

    public string Name => CheckName;

    public IReadOnlyList<string> Needs => ["snowflake role", "snowflake warehouse", "snowflake database"];

    public async Task<DoctorFinding> RunAsync(CancellationToken ct)
    {
        try
        {
            var result = await session.ExecuteAsync(new SnowflakeStatement("select current_role(), current_warehouse(), current_database()"), ct);
            var row = result.Rows.FirstOrDefault() ?? [];
            return DoctorFinding.Ok(Name, $"statements run as role / warehouse / database {string.Join(" / ", row)}");
        }
        catch (SnowflakeSqlException e)
        {
            return DoctorFinding.Fail(Name, $"a statement with the configured role, warehouse and database was refused: {e.ErrorText}",
                $"grant role {settings.Role} to user {settings.User}, and usage on warehouse {settings.Warehouse} and database {settings.Database} to it (setup.sql steps 4 and 5)");
        }
    }
}
