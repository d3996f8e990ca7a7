using System.Globalization;

namespace HealthDw.Core.Configuration;

/// <summary>
/// How far two figures of a reconciliation may differ and still agree. The allowed difference is the larger of
/// <paramref name="Absolute"/> and <paramref name="Relative"/> × the larger figure's magnitude: an absolute tolerance
/// is what a rounded sum of money needs (half a cent per row is never more than a few cents in all), a relative one is
/// what a sum of floating-point values needs (the sum's last digits depend on the order the warehouse adds them in, and
/// grow with the total). Both 0 (the default) means the figures must be equal, which is right for every count.
/// </summary>
public sealed record ReconciliationTolerance(decimal Absolute, decimal Relative)
{
    public static readonly ReconciliationTolerance Exact = new(0m, 0m);

    public decimal Allowed(decimal a, decimal b) => Math.Max(Absolute, Relative * Math.Max(Math.Abs(a), Math.Abs(b)));

    public bool Allows(decimal a, decimal b) => Math.Abs(a - b) <= Allowed(a, b);

    public override string ToString() => (Absolute, Relative) switch
    {
        (0m, 0m) => "tolerance: exact",
        (_, 0m) => $"tolerance: absolute {Absolute.ToString(CultureInfo.InvariantCulture)}",
        (0m, _) => $"tolerance: relative {Relative.ToString(CultureInfo.InvariantCulture)}",
        _ => $"tolerance: absolute {Absolute.ToString(CultureInfo.InvariantCulture)} or relative {Relative.ToString(CultureInfo.InvariantCulture)}",
    };
}
