using HealthDw.Core.Doctor;

namespace HealthDw.Warehouse.Snowflake.Doctor;

/// <summary>The Snowflake checks of <c>healthdw doctor --aws</c>, in order: sign-in, each object under its configured name, a
/// session as the pipeline opens it, then the storage integration behind the stage.</summary>
public static class SnowflakeDoctor
{
    /// <param name="signIn">A client whose requests carry no role, warehouse or database (the user's defaults apply).</param>
    /// <param name="session">A client with <see cref="SessionOptions"/>: what the pipeline's requests carry.</param>
    public static IReadOnlyList<IDoctorCheck> Checks(SnowflakeSqlClient signIn, SnowflakeSqlClient session, Uri accountUrl, SnowflakeDoctorSettings settings)
    {
        var catalog = new SnowflakeCatalog(signIn);
        return
        [
            new SnowflakeConnectionCheck(signIn, settings, accountUrl),
            new SnowflakeObjectCheck(catalog, "role", settings.Role, settings),
            new SnowflakeObjectCheck(catalog, "warehouse", settings.Warehouse, settings),
            new SnowflakeObjectCheck(catalog, "database", settings.Database, settings),
            new SnowflakeSchemasCheck(catalog, settings),
            new SnowflakeStageCheck(catalog, settings),
            new SnowflakeSessionCheck(session, settings),
            new StorageIntegrationCheck(new SnowflakeCatalog(session), settings),
        ];
    }

    /// <summary>The request context as Snowflake resolves the configured names (unquoted: upper case); unparsable names are
    /// left as configured, for their check to report.</summary>
    public static SnowflakeOptions SessionOptions(SnowflakeOptions options, SnowflakeDoctorSettings settings) => options with
    {
        Role = Resolved(settings.Role),
        Warehouse = Resolved(settings.Warehouse),
        Database = Resolved(settings.Database),
        Schema = null,
    };

    /// <summary>The same options without any context field: a wrong name cannot hide whether sign-in works.</summary>
    public static SnowflakeOptions SignInOptions(SnowflakeOptions options) => options with { Role = null, Warehouse = null, Database = null, Schema = null };

    private static string Resolved(string configured)
    {
        try
        {
            return SnowflakeIdentifier.Parse(configured).Name;
        }
        catch (ArgumentException)
        {
            return configured;
        }
    }
}
