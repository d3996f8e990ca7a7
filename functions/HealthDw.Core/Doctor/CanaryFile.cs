using System.Globalization;
using System.Text;
using HealthDw.Core.Pipeline;

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

    public const int Rows = 2;

    public string FileName => $"{Table}_{DropId}.csv";

    public string RawKey => BucketLayout.RawKey(FileName);

    /// <summary>Where Archive File puts it once loaded.</summary>
    public string ProcessedKey => BucketLayout.ProcessedKey(DropId, FileName);

    /// <summary>Where Archive File puts it when refused, with <see cref="ErrorReportKey"/> beside it.</summary>
    public string ErrorKey => BucketLayout.ErrorKey(DropId, FileName);

    public string ErrorReportKey => BucketLayout.ReportKey(ErrorKey);

    public static byte[] Content => Encoding.UTF8.GetBytes("CANARYPK,NOTE\n1,healthdw doctor canary\n2,healthdw doctor canary\n");

    /// <summary>A drop id the route's pattern accepts (<c>doctor-yyyyMMddTHHmmss-xxxxxxxx</c>) and Step Functions accepts in
    /// an execution name.</summary>
    public static CanaryFile For(DateTimeOffset now, Guid id) =>
        new(string.Create(CultureInfo.InvariantCulture, $"doctor-{now.UtcDateTime:yyyyMMdd'T'HHmmss}-{id.ToString("N")[..8]}"));
}
