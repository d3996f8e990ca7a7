using HealthDw.Core.Configuration;

namespace HealthDw.Core.Loading;

/// <summary>
/// Watches whether a file's single whole-number primary key is strictly ascending, row after row.
/// If it is, no key can repeat, which spares the duplicate-key query; it takes no memory per row.
/// </summary>
public sealed class KeyOrder
{
    private readonly int _column = -1;
    private bool _ascending = true;
    private bool _seen;
    private long _last;

    public KeyOrder(TableContract contract)
    {
        if (contract.PrimaryKey.Count != 1) return;
        var index = contract.Columns.ToList().FindIndex(c => c.Name == contract.PrimaryKey[0]);
        if (contract.Columns[index].Type.Kind is ColumnKind.BigInt or ColumnKind.Integer) _column = index;
    }

    /// <summary>True while every key seen was greater than the one before it (false if the key is not one number).</summary>
    public bool StrictlyAscending => _column >= 0 && _ascending;

    public void Observe(CellValue[] row)
    {
        if (_column < 0 || !_ascending) return;
        var key = row[_column].Int64;
        _ascending = !_seen || key > _last;
        _seen = true;
        _last = key;
    }
}
