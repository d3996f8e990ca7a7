using System.Globalization;
using System.Text;

namespace HealthDw.Core.Doctor;

/// <summary>
/// The doctor's canary: a tiny synthetic file (two rows, no person in it) routed by the shipped <c>doctor_canary</c> route
/// to its own staging table, under a drop id of its own that no vendor drop can have. Its route is not required, so its drop
/// is never complete and never published; no model reads its table. Every run uses a new name, so the ledger never answers
/// "already loaded".
/// </summary>
public sealed record CanaryFile(string DropId)
{
    public const string Table = "doctor_canary";

    // The bucket's prefixes, as the steps use them (ArchiveFileHandler, LocalPipeline); a test keeps them equal.
    public const string RawPrefix = "raw_files/";
    public const string ProcessedPrefix = "processed/";
    public const string ErrorPrefix = "error_files/";

    public const int Rows = 2;

    public string FileName => $"{Table}_{DropId}.csv";

    public string RawKey => RawPrefix + FileName;

    /// <summary>Where Archive File puts it once loaded.</summary>
    public string ProcessedKey => $"{ProcessedPrefix}{DropId}/{FileName}";

    /// <summary>Where Archive File puts it when refused, with <see cref="ErrorReportKey"/> beside it.</summary>
    public string ErrorKey => $"{ErrorPrefix}{DropId}/{FileName}";

    public string ErrorReportKey => ErrorKey + ".error.json";

    public static byte[] Content => Encoding.UTF8.GetBytes("CANARYPK,NOTE\n1,healthdw doctor canary\n2,healthdw doctor canary\n");

    /// <summary>A drop id the route's pattern accepts (<c>doctor-yyyyMMddTHHmmss-xxxxxxxx</c>) and Step Functions accepts in
    /// an execution name.</summary>
    public static CanaryFile For(DateTimeOffset now, Guid id) =>
        new(string.Create(CultureInfo.InvariantCulture, $"doctor-{now.UtcDateTime:yyyyMMdd'T'HHmmss}-{id.ToString("N")[..8]}"));
}
