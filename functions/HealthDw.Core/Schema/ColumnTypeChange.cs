using HealthDw.Core.Configuration;

namespace HealthDw.Core.Schema;

/// <summary>
/// One staging column whose type in the warehouse differs from its contract's, and the change that makes them agree: a
/// widening the warehouse makes in place (every value already loaded keeps its exact value), or nothing, when the change
/// would lose or reinterpret values; that is refused as a configuration error (see <see cref="StagingSchemaPlan"/>).
/// </summary>
public sealed record ColumnTypeChange(string Table, string Column, ColumnType Actual, ColumnType Wanted)
{
    /// <summary>Null when the warehouse can widen <see cref="Actual"/> to <see cref="Wanted"/> losing nothing; else why not.</summary>
    public string? Refusal(AlterLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (Wanted.Kind == ColumnKind.Text)
            return Actual.Kind is ColumnKind.Varchar || limits.AnyToText
                ? null
                : $"{limits.Warehouse} cannot change a {Actual} column to text in place";
        if (Actual.Kind == ColumnKind.Varchar && Wanted.Kind == ColumnKind.Varchar)
            return Wanted.Length >= Actual.Length ? null : "a shorter varchar would cut values already loaded";
        if (Actual.Kind == ColumnKind.Text && Wanted.Kind == ColumnKind.Varchar)
            return "a varchar would cut text values already loaded";
        if (Digits(Actual) is { } from && Digits(Wanted) is { } to)
        {
            if (to.Whole < from.Whole) return "fewer digits before the point would not hold values already loaded";
            if (to.Scale < from.Scale) return "fewer digits after the point would round values already loaded";
            if (to.Scale != from.Scale && !limits.ChangeScale)
                return $"{limits.Warehouse} cannot change a number's scale in place";
            return null;
        }

        return "values already loaded cannot be converted without loss";
    }

    /// <summary>Digits before and after the point, for the numeric kinds (integer is NUMBER(10,0), bigint NUMBER(19,0)).</summary>
    private static (int Whole, int Scale)? Digits(ColumnType type) => type.Kind switch
    {
        ColumnKind.Integer => (10, 0),
        ColumnKind.BigInt => (19, 0),
        ColumnKind.Decimal => (type.Precision - type.Scale, type.Scale),
        _ => null,
    };
}
