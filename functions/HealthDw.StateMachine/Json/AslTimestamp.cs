using System.Globalization;
using System.Text.RegularExpressions;

namespace HealthDw.StateMachine.Json;

/// <summary>
/// Timestamps as the ASL spec defines them ("Timestamps"): the RFC 3339 profile of ISO 8601 with an
/// uppercase "T" between date and time and an uppercase "Z" when there is no numeric offset,
/// for example "2016-03-14T01:59:00Z".
/// </summary>
internal static partial class AslTimestamp
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (text is null || !Shape().IsMatch(text))
            return false;
        var normalized = text;
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            // .NET reads at most seven fractional digits; RFC 3339 allows any number.
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
                end++;
            if (end - dot - 1 > 7)
                normalized = string.Concat(text.AsSpan(0, dot + 8), text.AsSpan(end));
        }
        return DateTimeOffset.TryParse(normalized, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    /// <summary>The form Step Functions uses in the Context Object: UTC with milliseconds.</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
