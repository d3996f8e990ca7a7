using System.Text.Json.Nodes;

namespace HealthDw.Snowflake.Tests.Support;

/// <summary>Response bodies in the documented wire format (ResultSet, QueryStatus, QueryFailureStatus).</summary>
internal static class SnowflakeBodies
{
    public static FakeReply Accepted(string handle) => new(202, new JsonObject
    {
        ["code"] = "333334",
        ["message"] = "Asynchronous execution in progress. Use provided query id to perform query monitoring and management.",
        ["statementHandle"] = handle,
        ["statementStatusUrl"] = "/api/v2/statements/" + handle,
    }.ToJsonString());

    public static FakeReply Failure(int status, string code, string sqlState, string message, string handle) => new(status, new JsonObject
    {
        ["code"] = code,
        ["message"] = message,
        ["sqlState"] = sqlState,
        ["statementHandle"] = handle,
    }.ToJsonString());

    public static FakeReply Error(int status, string code, string message) =>
        new(status, new JsonObject { ["code"] = code, ["message"] = message }.ToJsonString());

    /// <summary>A ResultSet: the first partition's rows, and one partitionInfo entry per partition (row counts given).</summary>
    public static FakeReply Result(
        string handle, (string Name, string Type)[] columns, string?[][] rows,
        long? numRows = null, long[]? partitionRowCounts = null, string[]? statementHandles = null, JsonObject? stats = null) =>
        ResultSet(handle, new JsonArray(columns.Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c.Name,
            ["database"] = "",
            ["schema"] = "",
            ["table"] = "",
            ["type"] = c.Type,
            ["nullable"] = true,
            ["precision"] = c.Type == "fixed" ? 38 : null,
            ["scale"] = c.Type == "fixed" ? 0 : null,
            ["length"] = c.Type == "text" ? 16777216 : null,
        }).ToArray()), rows, numRows, partitionRowCounts, statementHandles, stats);

    /// <summary>The ResultSet envelope around a <c>rowType</c> the caller describes (each fake has its own column detail).</summary>
    public static FakeReply ResultSet(
        string handle, JsonArray rowType, IReadOnlyList<string?[]> rows,
        long? numRows = null, IReadOnlyList<long>? partitionRowCounts = null, IReadOnlyList<string>? statementHandles = null, JsonObject? stats = null)
    {
        var partitions = new JsonArray();
        foreach (var count in partitionRowCounts ?? [rows.Count])
            partitions.Add(new JsonObject { ["rowCount"] = count, ["uncompressedSize"] = count * 100 });

        var body = new JsonObject
        {
            ["resultSetMetaData"] = new JsonObject
            {
                ["numRows"] = numRows ?? rows.Count,
                ["format"] = "jsonv2",
                ["rowType"] = rowType,
                ["partitionInfo"] = partitions,
            },
            ["data"] = Rows(rows),
            ["code"] = "090001",
            ["statementStatusUrl"] = "/api/v2/statements/" + handle,
            ["sqlState"] = "00000",
            ["statementHandle"] = handle,
            ["message"] = "Statement executed successfully.",
            ["createdOn"] = 1620151584132,
        };
        if (statementHandles is not null)
            body["statementHandles"] = new JsonArray(statementHandles.Select(h => (JsonNode)JsonValue.Create(h)!).ToArray());
        if (stats is not null)
            body["stats"] = stats;
        return new FakeReply(200, body.ToJsonString());
    }

    /// <summary>A further partition: rows only, gzip-encoded, as the docs describe.</summary>
    public static FakeReply Partition(string?[][] rows) =>
        new(200, new JsonObject { ["data"] = Rows(rows) }.ToJsonString()) { Gzip = true };

    public static readonly (string Name, string Type)[] CopyColumns =
    [
        ("file", "text"), ("status", "text"), ("rows_parsed", "fixed"), ("rows_loaded", "fixed"), ("error_limit", "fixed"),
        ("errors_seen", "fixed"), ("first_error", "text"), ("first_error_line", "fixed"), ("first_error_character", "fixed"),
        ("first_error_column_name", "text"),
    ];

    private static JsonArray Rows(IEnumerable<string?[]> rows) =>
        new(rows.Select(r => (JsonNode)new JsonArray(r.Select(v => v is null ? null : (JsonNode)JsonValue.Create(v)).ToArray())).ToArray());
}
