namespace HealthDw.StateMachine.Definition;

/// <summary>Builds JSON Pointers (RFC 6901): "~" becomes "~0" and "/" becomes "~1" in each token.</summary>
internal static class JsonPointer
{
    public static string Append(string pointer, string token) =>
        pointer + "/" + token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    public static string Append(string pointer, int index) => pointer + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
