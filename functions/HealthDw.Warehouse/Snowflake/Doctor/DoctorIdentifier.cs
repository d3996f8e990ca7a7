using System.Text.RegularExpressions;

namespace HealthDw.Warehouse.Snowflake.Doctor;

/// <summary>
/// A configured Snowflake name as Snowflake resolves it (Snowflake's "Identifier requirements"): unquoted, it is stored
/// and matched in upper case (<c>healthdw_wh</c> is <c>HEALTHDW_WH</c>); double-quoted, it keeps its case (<c>""</c> inside is
/// one quote). The doctor compares <see cref="Name"/> with what SHOW returns, exactly, as the SQL API compares its
/// case-sensitive role, warehouse, database and schema fields.
/// <para>Merge note: this mirrors <c>SnowflakeIdentifier</c> (same <c>Parse</c>, <c>ParseQualified</c>, <c>Name</c>, <c>Sql</c>),
/// which issue 10 item 1 adds to this folder's parent; once both are in, delete this file and rename the uses.</para>
/// </summary>
internal sealed partial record DoctorIdentifier
{
    private DoctorIdentifier(string name) => Name = name;

    /// <summary>As Snowflake stores it and SHOW lists it.</summary>
    public string Name { get; }

    /// <summary>For SQL text: bare when that resolves to <see cref="Name"/>, else double-quoted.</summary>
    public string Sql => UpperUnquoted().IsMatch(Name) ? Name : "\"" + Name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <exception cref="ArgumentException">Not a legal identifier; the message says how to write it.</exception>
    public static DoctorIdentifier Parse(string configured, string what = "the identifier")
    {
        var text = configured.Trim();
        if (text.StartsWith('"'))
        {
            var inner = text.Length >= 2 && text.EndsWith('"') ? text[1..^1] : null;
            if (inner is null || inner.Length == 0 || inner.Replace("\"\"", "", StringComparison.Ordinal).Contains('"', StringComparison.Ordinal))
                throw new ArgumentException($"{what} {configured} is not a closed double-quoted identifier", nameof(configured));
            return new DoctorIdentifier(inner.Replace("\"\"", "\"", StringComparison.Ordinal));
        }

        if (!Unquoted().IsMatch(text))
            throw new ArgumentException($"{what} '{configured}' is not a legal unquoted Snowflake identifier; put it in double quotes to keep it as it is",
                nameof(configured));
        return new DoctorIdentifier(text.ToUpperInvariant());
    }

    /// <summary>The parts of a dotted name; a dot inside quotes belongs to its part.</summary>
    public static IReadOnlyList<DoctorIdentifier> ParseQualified(string configured, string what = "the name")
    {
        var parts = new List<DoctorIdentifier>();
        var start = 0;
        var quoted = false;
        for (var i = 0; i <= configured.Length; i++)
        {
            if (i < configured.Length && configured[i] == '"')
                quoted = !quoted;
            else if (i == configured.Length || (configured[i] == '.' && !quoted))
            {
                parts.Add(Parse(configured[start..i], what));
                start = i + 1;
            }
        }

        return parts;
    }

    public override string ToString() => Sql;

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_$]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Unquoted();

    [GeneratedRegex(@"^[A-Z_][A-Z0-9_$]*$", RegexOptions.CultureInvariant)]
    private static partial Regex UpperUnquoted();
}
