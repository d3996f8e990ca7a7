using System.Text.RegularExpressions;

namespace HealthDw.Warehouse.Snowflake;

/// <summary>
/// The position lines Snowflake appends to a load error, e.g.
/// <c>  File 'raw/x.csv', line 3, character 12</c> and <c>  Row 2, column "T"["PRICE":3]</c>
/// (<c>  Row 1 starts at line 2, column "T"[6]</c> for a column-count mismatch). They hold names and
/// positions only, so they survive sanitising whole.
/// </summary>
internal static partial class SnowflakeErrorPatterns
{
    [GeneratedRegex(@"^\s*File '(?<file>[^'\r\n]*)', line (?<line>\d+), character (?<character>\d+)\s*$", RegexOptions.CultureInvariant)]
    public static partial Regex FileLine();

    [GeneratedRegex(@"^\s*Row (?<row>\d+)(?: starts at line (?<start>\d+))?, column (?<column>[^'\r\n]+?)\s*$", RegexOptions.CultureInvariant)]
    public static partial Regex RowLine();

    /// <summary>Messages whose value follows a colon unquoted, e.g. <c>Error parsing JSON: {"ssn": ...</c>.</summary>
    [GeneratedRegex(@"^(?<head>[^:'""]*\bpars(?:e|ing)\b[^:'""]*):", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    public static partial Regex PayloadAfterColon();

    public const string LoadingHint = "If you would like to continue loading";
}
