using System.Globalization;
using System.Text.Json;

namespace HealthDw.Warehouse.Snowflake;

/// <summary>
/// The body of <c>POST /api/v2/statements</c>: <c>statement</c>, <c>timeout</c> (seconds), <c>database</c>,
/// <c>schema</c>, <c>warehouse</c>, <c>role</c> (each only when configured; case-sensitive), <c>bindings</c>
/// (<c>{"1": {"type": "TEXT", "value": "..."}}</c>) and <c>parameters.MULTI_STATEMENT_COUNT</c> (a string, as in
/// Snowflake's examples). Written with Utf8JsonWriter: no reflection.
/// </summary>
internal static class SnowflakeRequestBody
{
    public static byte[] Write(SnowflakeStatement statement, SnowflakeOptions options)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("statement", statement.Sql);
            json.WriteNumber("timeout", (long)Math.Ceiling((statement.Timeout ?? options.StatementTimeout).TotalSeconds));
            WriteIfSet(json, "database", options.Database);
            WriteIfSet(json, "schema", options.Schema);
            WriteIfSet(json, "warehouse", options.Warehouse);
            WriteIfSet(json, "role", options.Role);
            if (statement.Bindings.Count > 0)
            {
                json.WriteStartObject("bindings");
                for (var i = 0; i < statement.Bindings.Count; i++)
                {
                    json.WriteStartObject((i + 1).ToString(CultureInfo.InvariantCulture));
                    json.WriteString("type", statement.Bindings[i].Type);
                    json.WriteString("value", statement.Bindings[i].Value);
                    json.WriteEndObject();
                }

                json.WriteEndObject();
            }

            json.WriteStartObject("parameters");
            json.WriteString("MULTI_STATEMENT_COUNT", statement.StatementCount.ToString(CultureInfo.InvariantCulture));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteIfSet(Utf8JsonWriter json, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
            json.WriteString(name, value);
    }
}
