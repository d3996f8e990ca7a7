using HealthDw.Core.Doctor;

namespace HealthDw.Warehouse.Snowflake.Doctor;

/// <summary>The role, the warehouse or the database exists under the configured name as Snowflake resolves it
/// (<c>SHOW ROLES|WAREHOUSES|DATABASES LIKE</c>).</summary>
internal sealed class SnowflakeObjectCheck(SnowflakeCatalog catalog, string what, string configured, SnowflakeDoctorSettings settings) : IDoctorCheck
{
    public string Name => $"snowflake {what}";

    public IReadOnlyList<string> Needs => [SnowflakeConnectionCheck.CheckName];

    public async Task<DoctorFinding> RunAsync(CancellationToken ct)
    {
        SnowflakeIdentifier name;
        try
        {
            name = SnowflakeIdentifier.Parse(configured, $"the {what}");
        }
        catch (ArgumentException e)
        {
            return SnowflakeNameMatch.Illegal(Name, what, e, settings.ConfiguredIn);
        }

        var shown = await catalog.NamesAsync($"show {what}s like '{SnowflakeCatalog.Like(name)}'", ct);
        return SnowflakeNameMatch.Judge(Name, what, configured, name, shown,
            $"run warehouse/snowflake/setup.sql (it creates the {what}), or correct the {what} in {settings.ConfiguredIn}", settings.ConfiguredIn);
    }
}
