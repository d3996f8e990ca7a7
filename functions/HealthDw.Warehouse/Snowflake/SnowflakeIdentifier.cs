using System.Text.RegularExpressions;

namespace HealthDw.Warehouse.Snowflake;

/// <summary>
/// One Snowflake object name (a role, warehouse, database, schema or stage) as configured, and as Snowflake stores and
/// resolves it. Snowflake's "Identifier requirements": an unquoted identifier starts with a letter or an underscore,
/// holds only letters, digits, underscores and dollar signs, and is stored and resolved in upper case (<c>healthdw</c> is
/// <c>HEALTHDW</c>); a double-quoted one keeps its case and may hold any character (<c>""</c> inside stands for one
/// <c>"</c>); either is at most 255 characters. The SQL API's <c>role</c>, <c>warehouse</c>, <c>database</c> and
/// <c>schema</c> fields are case-sensitive and must match the name as SHOW returns it ("Submitting a request to execute SQL
/// statements"), which is <see cref="Name"/>; SQL text takes <see cref="Sql"/>. This is the one place that applies the rule:
/// the request body, the stage in the COPY and the check of <c>warehouse/snowflake/setup.sql</c> all go through it.
/// </summary>
public sealed partial record SnowflakeIdentifier
{
    public const int MaxLength = 255;

    private SnowflakeIdentifier(string name) => Name = name;

    /// <summary>The name as Snowflake stores it and SHOW returns it: what the SQL API's context fields must carry.</summary>
    public string Name { get; }

    /// <summary>The name written for SQL text: bare, in the house's lower case, when that resolves to <see cref="Name"/> (an
    /// upper-case name that is a legal unquoted identifier), else double-quoted with inner quotes doubled.</summary>
    public string Sql => UpperUnquoted().IsMatch(Name)
        ? Name.ToLowerInvariant()
        : "\"" + Name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Reads one configured name: <c>healthdw_wh</c> (unquoted: upper-cased) or <c>"HealthDw wh"</c> (quoted: kept).</summary>
    /// <param name="what">What the name is, for the error (<c>the role</c>).</param>
    /// <exception cref="ArgumentException">Not a legal identifier; the message says why and how to write it.</exception>
    public static SnowflakeIdentifier Parse(string configured, string what = "the identifier")
    {
        ArgumentNullException.ThrowIfNull(configured);
        var text = configured.Trim();
        if (text.StartsWith('"'))
        {
            if (text.Length < 2 || !text.EndsWith('"') || Unquote(text[1..^1]) is not { Length: > 0 } quoted)
                throw new ArgumentException($"{what} {configured} is not a closed double-quoted identifier (write \"\" for a quote inside it)", nameof(configured));
            return Checked(quoted, configured, what);
        }

        if (!Unquoted().IsMatch(text))
            throw new ArgumentException(
                $"{what} '{configured}' is not a legal unquoted Snowflake identifier (a letter or _ first, then letters, digits, _ or $); "
                + "put it in double quotes to keep it as it is", nameof(configured));
        return Checked(text.ToUpperInvariant(), configured, what);
    }

    /// <summary>The parts of a dotted name (<c>healthdw.staging.raw_stage</c>, <c>"My.Db".staging</c>): dots inside quotes
    /// belong to the part.</summary>
    public static IReadOnlyList<SnowflakeIdentifier> ParseQualified(string configured, string what = "the name")
    {
        ArgumentNullException.ThrowIfNull(configured);
        var parts = new List<SnowflakeIdentifier>();
        var start = 0;
        var quoted = false;
        for (var i = 0; i <= configured.Length; i++)
        {
            if (i < configured.Length && configured[i] == '"')
                quoted = !quoted; // a doubled quote toggles twice: still inside
            else if (i == configured.Length || (configured[i] == '.' && !quoted))
            {
                parts.Add(Parse(configured[start..i], what));
                start = i + 1;
            }
        }

        return parts;
    }

    public override string ToString() => Sql;

    private static SnowflakeIdentifier Checked(string name, string configured, string what) =>
        name.Length <= MaxLength
            ? new SnowflakeIdentifier(name)
            : throw new ArgumentException($"{what} '{configured}' is longer than Snowflake's {MaxLength} characters", nameof(configured));

    /// <summary>The inside of a quoted identifier with <c>""</c> read as <c>"</c>; null when a lone quote is left.</summary>
    private static string? Unquote(string inner)
    {
        var doubled = inner.Replace("\"\"", "", StringComparison.Ordinal);
        return doubled.Contains('"', StringComparison.Ordinal) ? null : inner.Replace("\"\"", "\"", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_$]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Unquoted();

    [GeneratedRegex(@"^[A-Z_][A-Z0-9_$]*$", RegexOptions.CultureInvariant)]
    private static partial Regex UpperUnquoted();
}
