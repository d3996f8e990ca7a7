using System.Globalization;

namespace HealthDw.Generator.Model;

/// <summary>Reads a drop id (<c>yyyyMMddTHHmm</c>, UTC) as Unix seconds.</summary>
internal static class DropClock
{
    public const long Day = 86_400;

    public static long Parse(string dropId)
    {
        ArgumentNullException.ThrowIfNull(dropId);
        if (dropId.Length != 13 || !DateTime.TryParseExact(
                dropId,
                "yyyyMMdd'T'HHmm",
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
                out var time))
        {
            throw new ArgumentException($"Drop id '{dropId}' is not yyyyMMddTHHmm (e.g. 20261121T0200).", nameof(dropId));
        }

        var seconds = new DateTimeOffset(time, TimeSpan.Zero).ToUnixTimeSeconds();
        if (seconds < 5 * 365 * Day)
        {
            throw new ArgumentException($"Drop id '{dropId}' is too early: the history reaches two years back from it.", nameof(dropId));
        }

        return seconds;
    }
}
