using System.Globalization;

namespace HealthDw.Cli.Progress;

/// <summary>Bytes and rates as a person reads them in a progress line.</summary>
public static class DataSize
{
    public static string Format(long bytes) => bytes switch
    {
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.0} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024 * 1024):0.00} GiB"),
    };

    public static string Rate(long bytes, TimeSpan elapsed) =>
        elapsed.TotalSeconds <= 0 ? "" : Format((long)(bytes / elapsed.TotalSeconds)) + "/s";

    public static string Rows(long rows) => rows.ToString("N0", CultureInfo.InvariantCulture);
}
