namespace HealthDw.Generator.Faults;

/// <summary>
/// The faults <c>generate --faults</c> writes, each under <c>faults/&lt;fault&gt;/</c> with the real file's name: a fault
/// file must route to the same table and drop as the real one (the routes match the name), so its folder, not its name,
/// says which fault it is. <c>drop</c> reads that back with <see cref="FaultAt"/>.
/// </summary>
public static class FaultCatalog
{
    public const string Folder = "faults";

    /// <summary>Fault name → what is broken, without positions (those depend on the scale and are in the generator's result).</summary>
    public static IReadOnlyDictionary<string, string> Summaries { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["wrong_header"] = "the header names column ULNAME as LAST_NAME",
        ["missing_column"] = "the CITY column is missing from the header and every row",
        ["bad_type"] = "one APPT_START value is not a timestamp",
        ["unbalanced_quote"] = "the last row's CITY opens a quote that is never closed",
        ["truncated_last_line"] = "the last row is cut inside PAID_AT, with no line end",
        ["non_utf8"] = "one UFNAME is written in Latin-1, not UTF-8",
        ["empty_file"] = "the file is empty (0 bytes, no header)",
        ["header_only"] = "a header row and no data rows",
        ["duplicate_keys"] = "two rows share one CODEPK",
        ["orphan_foreign_keys"] = "some rows' APPTPK names no appointment",
        ["wrong_delimiter"] = "fields are separated by ';' instead of ','",
    };

    /// <summary>The fault a file is, when it sits where the generator writes faults (<c>…/faults/&lt;fault&gt;/&lt;file&gt;</c>); else null.</summary>
    public static string? FaultAt(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is null || Path.GetFileName(Path.GetDirectoryName(folder)) != Folder) return null;
        var fault = Path.GetFileName(folder);
        return Summaries.ContainsKey(fault) ? fault : null;
    }

    /// <summary>True when <paramref name="folder"/> is a generated <c>faults/</c> folder, or one fault's folder in it.</summary>
    public static bool IsFaultFolder(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        return Path.GetFileName(full) == Folder
            || (Summaries.ContainsKey(Path.GetFileName(full)) && Path.GetFileName(Path.GetDirectoryName(full)) == Folder);
    }
}
