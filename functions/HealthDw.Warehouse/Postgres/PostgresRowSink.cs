using HealthDw.Core.Ports;
using Npgsql;
using NpgsqlTypes;

namespace HealthDw.Warehouse.Postgres;

/// <summary>Writes rows into a binary COPY, the fastest way into PostgreSQL.</summary>
internal sealed class PostgresRowSink(NpgsqlBinaryImporter importer, Guid loadId) : IRowSink
{
    /// <summary>The copy's leading columns, written with every row before the file's own.</summary>
    public const string MetadataColumns = "_source_line, _load_id";

    public void StartRow(long line)
    {
        importer.StartRow();
        importer.Write(line, NpgsqlDbType.Bigint);
        importer.Write(loadId, NpgsqlDbType.Uuid);
    }

    public void WriteNull() => importer.WriteNull();

    public void WriteInt32(int value) => importer.Write(value, NpgsqlDbType.Integer);

    public void WriteInt64(long value) => importer.Write(value, NpgsqlDbType.Bigint);

    public void WriteDecimal(decimal value) => importer.Write(value, NpgsqlDbType.Numeric);

    public void WriteDouble(double value) => importer.Write(value, NpgsqlDbType.Double);

    public void WriteBoolean(bool value) => importer.Write(value, NpgsqlDbType.Boolean);

    public void WriteDate(DateOnly value) => importer.Write(value, NpgsqlDbType.Date);

    public void WriteTimestamp(DateTime value) => importer.Write(value, NpgsqlDbType.Timestamp);

    public void WriteText(string value) => importer.Write(value, NpgsqlDbType.Text);
}
