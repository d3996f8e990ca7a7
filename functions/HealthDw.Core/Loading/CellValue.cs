using HealthDw.Core.Configuration;

namespace HealthDw.Core.Loading;

/// <summary>A parsed cell. One struct for every type so a row is an array with no boxing.</summary>
public struct CellValue
{
    public bool IsNull;
    public long Int64;       // integer, bigint; boolean as 0/1; date as day number; timestamp as ticks
    public decimal Decimal;
    public double Double;
    public string? Text;

    public readonly bool Boolean => Int64 != 0;

    public readonly DateOnly Date => DateOnly.FromDayNumber((int)Int64);

    public readonly DateTime Timestamp => new(Int64, DateTimeKind.Unspecified);

    public readonly object? ToObject(ColumnKind kind) => IsNull ? null : kind switch
    {
        ColumnKind.Text or ColumnKind.Varchar => Text,
        ColumnKind.Integer => (int)Int64,
        ColumnKind.BigInt => Int64,
        ColumnKind.Decimal => Decimal,
        ColumnKind.Boolean => Boolean,
        ColumnKind.Date => Date,
        ColumnKind.Timestamp => Timestamp,
        ColumnKind.Double => Double,
        _ => throw new InvalidOperationException($"unhandled column kind {kind}"),
    };
}
