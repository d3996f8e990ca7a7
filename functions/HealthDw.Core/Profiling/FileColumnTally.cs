using System.Text;
using HealthDw.Core.Configuration;
using HealthDw.Core.Csv;
using HealthDw.Core.Loading;

namespace HealthDw.Core.Profiling;

/// <summary>
/// One file column's running counts, in bounded memory. Distinct values are kept as 64-bit FNV-1a hashes of their bytes,
/// up to <see cref="FileProfiler.DistinctCap"/> of them: below the cap the count is exact but for a hash collision (about
/// one chance in 10^9 at the cap); above it the count is shown as a lower bound. Values are counted for the top list only
/// when they may be shown, up to <see cref="FileProfiler.RankedValueCap"/> distinct ones.
/// </summary>
internal sealed class FileColumnTally(string name, ColumnSpec? spec, string? hiddenBecause, bool keepValues)
{
    private readonly HashSet<ulong> _hashes = [];
    private readonly Dictionary<string, long>? _counts = keepValues && hiddenBecause is null ? new(StringComparer.Ordinal) : null;
    private bool _distinctCapped;
    private bool _countsCapped;
    private long _nulls;
    private long? _minLength;
    private long? _maxLength;
    private CellValue _min;
    private CellValue _max;
    private bool _hasRange;

    private bool TracksRange => keepValues && hiddenBecause is null && spec?.Type.Kind is ColumnKind.Integer or ColumnKind.BigInt
        or ColumnKind.Decimal or ColumnKind.Double or ColumnKind.Date or ColumnKind.Timestamp;

    public void AddNull() => _nulls++;

    public void Add(ReadOnlySpan<byte> cell)
    {
        if (cell.IsEmpty)
        {
            _nulls++;
            return;
        }

        long length = 0;
        foreach (var b in cell)
            if ((b & 0xC0) != 0x80) length++; // a UTF-8 lead byte starts each character
        _minLength = _minLength is { } lo ? Math.Min(lo, length) : length;
        _maxLength = _maxLength is { } hi ? Math.Max(hi, length) : length;

        if (!_distinctCapped)
        {
            _hashes.Add(ValueHash.Of(cell));
            if (_hashes.Count > FileProfiler.DistinctCap)
            {
                _distinctCapped = true;
                _hashes.Clear();
                _hashes.TrimExcess();
            }
        }

        if (_counts is not null && !_countsCapped)
        {
            var text = Encoding.UTF8.GetString(cell);
            _counts[text] = _counts.GetValueOrDefault(text) + 1;
            if (_counts.Count > FileProfiler.RankedValueCap)
            {
                _countsCapped = true;
                _counts.Clear();
            }
        }

        if (TracksRange)
        {
            var value = default(CellValue);
            if (CellParser.TryParse(cell, spec!.Type, ref value) is not null) return; // not of its type: no place in the range
            if (!_hasRange || Compare(value, _min) < 0) _min = value;
            if (!_hasRange || Compare(value, _max) > 0) _max = value;
            _hasRange = true;
        }
    }

    public ColumnProfile ToProfile()
    {
        var kind = spec?.Type.Kind ?? ColumnKind.Text;
        IReadOnlyList<ValueCount> top = _counts is null || _countsCapped
            ? []
            : _counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(DataProfile.TopValueCount)
                .Select(p => new ValueCount(p.Key, p.Value)).ToList();
        return new ColumnProfile(name, spec?.Type.ToSql() ?? "(no contract)", hiddenBecause, _nulls,
            _distinctCapped ? FileProfiler.DistinctCap : _hashes.Count, _distinctCapped, _minLength, _maxLength,
            _hasRange ? ProfileValue.Format(_min.ToObject(kind)) : null, _hasRange ? ProfileValue.Format(_max.ToObject(kind)) : null, top);
    }

    private int Compare(CellValue a, CellValue b) => spec!.Type.Kind switch
    {
        ColumnKind.Decimal => a.Decimal.CompareTo(b.Decimal),
        ColumnKind.Double => a.Double.CompareTo(b.Double),
        _ => a.Int64.CompareTo(b.Int64),
    };
}
