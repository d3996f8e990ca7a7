using DuckDB.NET.Data;
using HealthDw.Core.Ports;

namespace HealthDw.Warehouse.DuckDb;

/// <summary>Writes rows through DuckDB's Appender (its fastest way in from .NET) into the load's own table, whose first
/// column is the row's file line. A row is ended when the next one starts, or when the load's rows are finished.</summary>
internal sealed class DuckDbRowSink(DuckDBAppender appender) : IRowSink
{
    private IDuckDBAppenderRow? _row;

    public void StartRow(long line)
    {
        _row?.EndRow();
        _row = appender.CreateRow().AppendValue(line);
    }

    /// <summary>Ends the row being written, if any.</summary>
    public void EndRows()
    {
        _row?.EndRow();
        _row = null;
    }

    public void WriteNull() => Row.AppendNullValue();

    public void WriteInt32(int value) => Row.AppendValue(value);

    public void WriteInt64(long value) => Row.AppendValue(value);

    public void WriteDecimal(decimal value) => Row.AppendValue(value);

    public void WriteDouble(double value) => Row.AppendValue(value);

    public void WriteBoolean(bool value) => Row.AppendValue(value);

    public void WriteDate(DateOnly value) => Row.AppendValue(value);

    public void WriteTimestamp(DateTime value) => Row.AppendValue(value);

    public void WriteText(string value) => Row.AppendValue(value);

    private IDuckDBAppenderRow Row => _row ?? throw new InvalidOperationException("a value was written before StartRow");
}
