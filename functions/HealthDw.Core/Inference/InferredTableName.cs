using System.Text;
using System.Text.RegularExpressions;

namespace HealthDw.Core.Inference;

/// <summary>
/// A staging table's name from a file's name, for a file that no route knows yet, by the shipped naming convention
/// (<c>&lt;table&gt;_&lt;yyyyMMddTHHmm&gt;[_partN].csv</c>, optionally compressed): the part before the drop's timestamp, or the
/// name without its extensions, in lower case with anything but letters, digits and underscores made an underscore.
/// </summary>
public static partial class InferredTableName
{
    /// <summary>True when <paramref name="table"/> may name a staging table in a contract.</summary>
    public static bool IsValid(string table) => Configuration.ContractParser.IsTableName(table);

    public static string FromFileName(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var name = fileName[(fileName.LastIndexOfAny(['/', '\\']) + 1)..];
        name = Extensions().Replace(name, "");
        name = DropStamp().Replace(name, "");
        var table = new StringBuilder();
        foreach (var c in name.ToLowerInvariant()) table.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '_');
        var result = table.ToString().Trim('_');
        return result.Length == 0 || !char.IsAsciiLetterLower(result[0]) ? "t_" + result : result;
    }

    [GeneratedRegex(@"(\.csv)?(\.gz|\.br|\.deflate|\.raw_deflate)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Extensions();

    [GeneratedRegex(@"_\d{8}T\d{4}(_part\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DropStamp();
}
