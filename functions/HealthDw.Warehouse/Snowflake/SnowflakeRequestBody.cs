using System.Globalization;
using System.Text.Json;

namespace HealthDw.Warehouse.Snowflake;

/// <summary>
/// The body of <c>POST /api/v2/statements</c>: <c>statement</c>, <c>timeout</c> (seconds), <c>database</c>,
/// <c>schema</c>, <c>warehouse</c>, <c>role</c> (each only when configured; case-sensitive, so as Snowflake stores the name:
/// "Submitting a request to execute SQL statements"), <c>bindings</c>
/// (<c>{"1": {"type": "TEXT", "value": "..."}}</c>) and <c>parameters.MULTI_STATEMENT_COUNT</c> (a string, as in
/// Snowflake's examples). Written with Utf8JsonWriter: no reflection.
/// </summary>
internal static class SnowflakeRequestBody
{
    /// <param name="context">The role, warehouse, database and schema as Snowflake stores them (<see cref="SnowflakeOptions.Context"/>).</param>
    public static byte[] Write(SnowflakeStatement statement, SnowflakeOptions options, IReadOnlyList<(string Field, SnowflakeIdentifier Name)> context)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("statement", statement.Sql);
            json.WriteNumber("timeout", (long)Math.Ceiling((statement.Timeout ?? options.StatementTimeout).TotalSeconds));
            foreach (var (field, name) in context)
                json.WriteString(field, name.Name);
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
}
