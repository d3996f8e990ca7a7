using System.Globalization;
using System.Text.Json;

namespace HealthDw.Warehouse.Snowflake;

/// <summary>
/// Reads the SQL API's response objects (ResultSet, QueryStatus, QueryFailureStatus, partition bodies) with
/// JsonDocument: no reflection, so trim- and AOT-safe.
/// </summary>
internal static class SnowflakeResponseReader
{
    public static SnowflakeResultPage ReadResultSet(JsonElement body)
    {
        var handle = String(body, "statementHandle") ?? throw Malformed("a ResultSet without statementHandle");
        var children = new List<string>();
        if (body.TryGetProperty("statementHandles", out var handles) && handles.ValueKind == JsonValueKind.Array)
        {
            foreach (var child in handles.EnumerateArray())
            {
                if (child.ValueKind == JsonValueKind.String && child.GetString() is { Length: > 0 } value)
                    children.Add(value);
            }
        }

        var columns = new List<SnowflakeColumn>();
        long numRows = 0;
        var partitions = 1;
        SnowflakeDmlStats? stats = null;
        if (body.TryGetProperty("resultSetMetaData", out var meta) && meta.ValueKind == JsonValueKind.Object)
        {
            numRows = Int64(meta, "numRows") ?? 0;
            if (meta.TryGetProperty("rowType", out var rowType) && rowType.ValueKind == JsonValueKind.Array)
            {
                foreach (var column in rowType.EnumerateArray())
                {
                    columns.Add(new SnowflakeColumn(
                        String(column, "name") ?? "",
                        String(column, "type") ?? "",
                        column.TryGetProperty("nullable", out var nullable) && nullable.ValueKind == JsonValueKind.True,
                        Int64(column, "precision"),
                        Int64(column, "scale"),
                        Int64(column, "length")));
                }
            }

            if (meta.TryGetProperty("partitionInfo", out var info) && info.ValueKind == JsonValueKind.Array)
                partitions = Math.Max(1, info.GetArrayLength());

            // The reference lists `stats` on the ResultSet, and also calls it a field of resultSetMetaData: read both.
            stats = ReadStats(meta);
        }

        stats = ReadStats(body) ?? stats;
        var rows = body.TryGetProperty("data", out var data) ? ReadRows(data) : [];
        return new SnowflakeResultPage(
            handle, children, columns, rows, numRows, partitions, stats, String(body, "code"), String(body, "sqlState"));
    }

    /// <summary>
    /// A further partition (<c>GET ...?partition=n</c>): per the docs it carries no metadata, only the rows; accepted
    /// as <c>{"data": [[...]]}</c> or as the bare array.
    /// </summary>
    public static List<string?[]> ReadPartition(JsonElement body) => body.ValueKind switch
    {
        JsonValueKind.Array => ReadRows(body),
        JsonValueKind.Object when body.TryGetProperty("data", out var data) => ReadRows(data),
        _ => throw Malformed("a result partition without data"),
    };

    public static string? String(JsonElement body, string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    private static long? Int64(JsonElement body, string name)
    {
        if (!body.TryGetProperty(name, out var value))
            return null;
        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var number) => number,
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
    }

    private static SnowflakeDmlStats? ReadStats(JsonElement owner)
    {
        if (!owner.TryGetProperty("stats", out var stats) || stats.ValueKind != JsonValueKind.Object)
            return null;
        return new SnowflakeDmlStats(
            Int64(stats, "numRowsInserted") ?? 0,
            Int64(stats, "numRowsUpdated") ?? 0,
            Int64(stats, "numRowsDeleted") ?? 0,
            Int64(stats, "numDuplicateRowsUpdated") ?? 0);
    }

    private static List<string?[]> ReadRows(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Array)
            throw Malformed("result data that is not an array of rows");
        var rows = new List<string?[]>(data.GetArrayLength());
        foreach (var row in data.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.Array)
                throw Malformed("a result row that is not an array");
            var values = new string?[row.GetArrayLength()];
            var i = 0;
            foreach (var cell in row.EnumerateArray())
            {
                values[i++] = cell.ValueKind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.String => cell.GetString(),
                    _ => cell.GetRawText(),
                };
            }

            rows.Add(values);
        }

        return rows;
    }

    private static SnowflakeRequestException Malformed(string what) =>
        new(200, null, $"The Snowflake SQL API returned {what}.");
}
