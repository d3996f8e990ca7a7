namespace HealthDw.Core.Ports;

/// <summary>Rows of one load that break a key rule: how many, and the first lines (no values).</summary>
public sealed record KeyViolations(long Count, IReadOnlyList<long> FirstLines)
{
    public static readonly KeyViolations None = new(0, []);
}
