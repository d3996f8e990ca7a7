namespace HealthDw.Warehouse.Snowflake.Copy;

/// <summary>
/// What <c>COPY INTO ... FILES=(...)</c> reported for one file: Snowflake's status (LOADED, LOAD_FAILED,
/// PARTIALLY_LOADED), rows parsed and loaded, error rows seen, and where the first error is.
/// <see cref="FirstError"/> is the rule text only (see <see cref="SnowflakeErrorSanitizer"/>): Snowflake's raw
/// <c>first_error</c> quotes the offending cell value, so it may hold patient data and is stripped before it
/// leaves the warehouse adapter. Everything here is names, counts and positions.
/// </summary>
public sealed record CopyFileResult(
    string File,
    string Status,
    long? RowsParsed,
    long RowsLoaded,
    long ErrorsSeen,
    string? ErrorCode,
    string? FirstError,
    long? FirstErrorLine,
    long? FirstErrorCharacter,
    string? FirstErrorColumnName)
{
    public const string Loaded = "LOADED";
    public const string LoadFailed = "LOAD_FAILED";

    public bool IsLoaded => string.Equals(Status, Loaded, StringComparison.OrdinalIgnoreCase) && ErrorsSeen == 0;
}
