namespace HealthDw.Core.Profiling;

/// <summary>
/// What <c>healthdw profile</c> found in one table or file: counts and lengths per column, and (only when values were
/// asked for) min, max and top values of the columns whose values may be shown.
/// </summary>
/// <param name="Source">The relation (<c>staging.register_users</c>) or the file's name.</param>
/// <param name="Contract">The contract's table, when one describes the source.</param>
/// <param name="ValuesShown">True when values were asked for (<c>--show-values</c>); hidden columns stay hidden.</param>
/// <param name="Distinct">How the distinct counts were made, for the reader.</param>
/// <param name="MalformedRows">Records that are not valid CSV (files only), left out of every count but this one.</param>
public sealed record DataProfile(
    string Source,
    string? Contract,
    long Rows,
    IReadOnlyList<ColumnProfile> Columns,
    bool ValuesShown,
    string Distinct,
    long MalformedRows = 0)
{
    /// <summary>How many of a column's most frequent values <c>--show-values</c> lists.</summary>
    public const int TopValueCount = 5;

    /// <summary>Why a column's values are never shown: its contract marks it <c>phi: true</c>.</summary>
    public const string HiddenPhi = "phi";

    /// <summary>Why a column's values are never shown: no contract says which of the source's columns hold PHI.</summary>
    public const string HiddenNoContract = "no contract";
}
