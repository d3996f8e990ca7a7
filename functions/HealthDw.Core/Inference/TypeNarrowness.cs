using HealthDw.Core.Configuration;

namespace HealthDw.Core.Inference;

/// <summary>
/// The order of contract types by what they admit, which <c>contract infer</c> is held to: the type it writes for a column
/// must be as narrow as a hand-written contract's, or narrower. <c>T</c> is as narrow as <c>U</c> when
/// <list type="bullet">
/// <item>both admit one kind of value (a number, a boolean, a date, a timestamp) and every cell <c>T</c>'s rule
/// (<see cref="Loading.CellParser"/>) accepts, <c>U</c>'s accepts too: integer, then bigint, then decimal(p,s) with room for
/// their 10 or 19 whole digits, then double; decimal(p,s) within decimal(p',s') when s ≤ s' and p−s ≤ p'−s'. Boolean, date
/// and timestamp each admit only themselves (a date is not a timestamp to the rules);</item>
/// <item><c>T</c> admits one kind of value and <c>U</c> is varchar(n) or text: a typed column refuses every cell that is not of
/// its kind, whatever the length, so it is narrower than any text column (NPI digits as bigint, say, against varchar(10));</item>
/// <item>both are text: varchar(n) within varchar(m) when n ≤ m, and anything within text.</item>
/// </list>
/// </summary>
public static class TypeNarrowness
{
    /// <returns>True when <paramref name="type"/> is <paramref name="than"/> or narrower.</returns>
    public static bool IsAsNarrowAs(ColumnType type, ColumnType than)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(than);
        if (than.Kind == ColumnKind.Text) return true;
        if (than.Kind == ColumnKind.Varchar)
            return type.Kind != ColumnKind.Text && (type.Kind != ColumnKind.Varchar || type.Length <= than.Length);
        return type.Kind switch
        {
            ColumnKind.Integer => than.Kind is ColumnKind.Integer or ColumnKind.BigInt or ColumnKind.Double || WholeDigits(than) >= 10,
            ColumnKind.BigInt => than.Kind is ColumnKind.BigInt or ColumnKind.Double || WholeDigits(than) >= 19,
            ColumnKind.Decimal => than.Kind == ColumnKind.Double
                || (than.Kind == ColumnKind.Decimal && type.Scale <= than.Scale && WholeDigits(type) <= WholeDigits(than)),
            ColumnKind.Double or ColumnKind.Boolean or ColumnKind.Date or ColumnKind.Timestamp => type.Kind == than.Kind,
            _ => false,
        };
    }

    private static int WholeDigits(ColumnType type) => type.Kind == ColumnKind.Decimal ? type.Precision - type.Scale : -1;
}
