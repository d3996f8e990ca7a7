using DuckDB.NET.Data;
using HealthDw.Core.Ports;

namespace HealthDw.Warehouse.DuckDb;

/// <summary>
/// Writes rows through DuckDB's Appender (its fastest way in from .NET) straight into the staging table. The Appender takes a
/// row's values in the table's column order, which is the contract's order only for a table this contract created: a column
/// a later contract added sits after the row metadata, and a column a contract dropped stays. So a row's cells are held (in
/// one reused array: nothing allocated per row) until the row ends, then appended in the table's order, with the row's file
/// line, the file's key and version and the load id; a column the contract does not have gets its default (NULL, or the
/// transaction's time for <c>_loaded_at</c>). A row is ended when the next one starts, or when the load's rows are finished.
/// </summary>
internal sealed class DuckDbRowSink : IRowSink
{
    /// <summary>Where a table column's value comes from, when it is no contract column (those are 0, 1, …).</summary>
    private const int Line = -1, SourceKey = -2, SourceVersion = -3, LoadId = -4, Default = -5;

    private readonly DuckDBAppender _appender;
    private readonly int[] _sources;
    private readonly Cell[] _cells;
    private readonly string _key;
    private readonly string _version;
    private readonly Guid _loadId;
    private long _line;
    private int _written = -1; // cells written in the row being held; -1 when no row is held

    /// <param name="tableColumns">The staging table's columns, in its order.</param>
    /// <param name="contractColumns">The contract's columns (lower case), in the order the loader writes them.</param>
    public DuckDbRowSink(DuckDBAppender appender, IReadOnlyList<string> tableColumns, IReadOnlyList<string> contractColumns,
        string key, string version, Guid loadId)
    {
        _appender = appender;
        _key = key;
        _version = version;
        _loadId = loadId;
        _cells = new Cell[contractColumns.Count];
        var contract = contractColumns.ToList();
        _sources = [.. tableColumns.Select(column => column switch
        {
            "_source_line" => Line,
            "_source_key" => SourceKey,
            "_source_version" => SourceVersion,
            "_load_id" => LoadId,
            _ => contract.IndexOf(column) is var j and >= 0 ? j : Default,
        })];
        var missing = contractColumns.Where(c => !tableColumns.Contains(c)).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException($"the staging table has no column {string.Join(", ", missing)}: the schema was not ensured");
    }

    public void StartRow(long line)
    {
        EndRows();
        _line = line;
        _written = 0;
    }

    /// <summary>Appends the row being held, if any.</summary>
    public void EndRows()
    {
        if (_written < 0) return;
        if (_written != _cells.Length) throw new InvalidOperationException($"a row ended after {_written} of {_cells.Length} cells");
        _written = -1;
        var row = _appender.CreateRow();
        foreach (var source in _sources)
        {
            row = source switch
            {
                >= 0 => _cells[source].AppendTo(row),
                Line => row.AppendValue(_line),
                SourceKey => row.AppendValue(_key),
                SourceVersion => row.AppendValue(_version),
                LoadId => row.AppendValue(_loadId),
                _ => row.AppendDefault(),
            };
        }

        row.EndRow();
    }

    public void WriteNull() => Next() = default;

    public void WriteInt32(int value) => Next() = new Cell(CellKind.Int32, Integer: value);

    public void WriteInt64(long value) => Next() = new Cell(CellKind.Int64, Integer: value);

    public void WriteDecimal(decimal value) => Next() = new Cell(CellKind.Decimal, Decimal: value);

    public void WriteDouble(double value) => Next() = new Cell(CellKind.Double, Double: value);

    public void WriteBoolean(bool value) => Next() = new Cell(CellKind.Boolean, Integer: value ? 1 : 0);

    public void WriteDate(DateOnly value) => Next() = new Cell(CellKind.Date, Integer: value.DayNumber);

    public void WriteTimestamp(DateTime value) => Next() = new Cell(CellKind.Timestamp, Timestamp: value);

    public void WriteText(string value) => Next() = new Cell(CellKind.Text, Text: value);

    private ref Cell Next()
    {
        if (_written < 0) throw new InvalidOperationException("a value was written before StartRow");
        if (_written == _cells.Length) throw new InvalidOperationException($"a row has more than {_cells.Length} cells");
        return ref _cells[_written++];
    }

    private enum CellKind : byte { Null, Int32, Int64, Decimal, Double, Boolean, Date, Timestamp, Text }

    /// <summary>One cell held until its row is appended: the kind says which field holds the value.</summary>
    private readonly record struct Cell(CellKind Kind, long Integer = 0, decimal Decimal = 0, double Double = 0,
        DateTime Timestamp = default, string? Text = null)
    {
        public IDuckDBAppenderRow AppendTo(IDuckDBAppenderRow row) => Kind switch
        {
            CellKind.Null => row.AppendNullValue(),
            CellKind.Int32 => row.AppendValue((int)Integer),
            CellKind.Int64 => row.AppendValue(Integer),
            CellKind.Decimal => row.AppendValue(Decimal),
            CellKind.Double => row.AppendValue(Double),
            CellKind.Boolean => row.AppendValue(Integer != 0),
            CellKind.Date => row.AppendValue(DateOnly.FromDayNumber((int)Integer)),
            CellKind.Timestamp => row.AppendValue(Timestamp),
            CellKind.Text => row.AppendValue(Text),
            _ => throw new InvalidOperationException($"unhandled cell kind {Kind}"),
        };
    }
}
