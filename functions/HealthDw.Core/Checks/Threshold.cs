using System.Globalization;

namespace HealthDw.Core.Checks;

/// <summary>A comparison, or (not) between two bounds. On a check's line it states what passes
/// (<c>missing_count(x) = 0</c>); in a <c>warn:</c>/<c>fail:</c> block it states what breaks
/// (<c>when &gt; 10</c>), which <see cref="WhenBroken"/> records.</summary>
public sealed record Threshold(string Operator, double Value, double? Upper, string Text, bool WhenBroken = false)
{
    public bool Breaks(double value) => WhenBroken ? IsMet(value) : !IsMet(value);

    public bool IsMet(double value) => Operator switch
    {
        "<" => value < Value,
        "<=" => value <= Value,
        "=" => Math.Abs(value - Value) < 1e-9,
        "!=" => Math.Abs(value - Value) >= 1e-9,
        ">" => value > Value,
        ">=" => value >= Value,
        "between" => value >= Value && value <= Upper,
        "not between" => value < Value || value > Upper,
        _ => throw new InvalidOperationException($"unknown operator {Operator}"),
    };

    public override string ToString() => WhenBroken ? "when " + Text : Text;

    public static string Format(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
