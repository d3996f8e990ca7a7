using System.Globalization;
using System.Text.Json.Nodes;
using Npgsql;

namespace HealthDw.Snowflake.Tests.Emulator;

/// <summary>One column of a result as the SQL API describes it in <c>rowType</c>.</summary>
internal sealed record EmulatedColumn(string Name, string Type, int? Precision = null, int? Scale = null)
{
    public JsonObject ToJson() => new()
    {
        ["name"] = Name,
        ["database"] = "HEALTHDW",
        ["schema"] = "",
        ["table"] = "",
        ["type"] = Type,
        ["nullable"] = true,
        ["precision"] = Precision,
        ["scale"] = Scale,
        ["length"] = Type == "text" ? 16777216 : null,
        ["byteLength"] = Type == "text" ? 16777216 : null,
    };
}

/// <summary>
/// PostgreSQL values in the SQL API's <c>jsonv2</c> encoding, as the "Handling responses" page documents it: every value a
/// string; NUMBER a decimal string; FLOAT its digits; BOOLEAN "true"/"false"; DATE the days since the epoch; TIMESTAMP_NTZ
/// and TIMESTAMP_LTZ the seconds since the epoch with nine decimals; ARRAY its JSON text. Column names come back upper
/// case, as Snowflake stores unquoted identifiers.
/// </summary>
internal static class ResultEncoding
{
    public static EmulatedColumn Column(NpgsqlDataReader reader, int i)
    {
        var name = reader.GetName(i).ToUpperInvariant();
        var schema = reader.GetColumnSchema()[i];
        return reader.GetDataTypeName(i) switch
        {
            "smallint" or "integer" or "bigint" => new EmulatedColumn(name, "fixed", 38, 0),
            var t when t.StartsWith("numeric", StringComparison.Ordinal) =>
                // An unconstrained NUMERIC (an average, a sum of decimals) gets a scale, as every Snowflake NUMBER has one.
                new EmulatedColumn(name, "fixed", schema.NumericPrecision ?? 38, schema.NumericScale ?? 6),
            "double precision" or "real" => new EmulatedColumn(name, "real"),
            "boolean" => new EmulatedColumn(name, "boolean"),
            "date" => new EmulatedColumn(name, "date"),
            "timestamp without time zone" => new EmulatedColumn(name, "timestamp_ntz", 0, 9),
            "timestamp with time zone" => new EmulatedColumn(name, "timestamp_ltz", 0, 9),
            "jsonb" or "json" => new EmulatedColumn(name, "array"),
            _ => new EmulatedColumn(name, "text"),
        };
    }

    public static string? Cell(NpgsqlDataReader reader, int i, EmulatedColumn column)
    {
        if (reader.IsDBNull(i))
            return null;
        return column.Type switch
        {
            "fixed" => Convert.ToDecimal(reader.GetValue(i), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
            "real" => reader.GetDouble(i) switch
            {
                double.NaN => "NaN",
                double.PositiveInfinity => "inf",
                double.NegativeInfinity => "-inf",
                var d => d.ToString("R", CultureInfo.InvariantCulture),
            },
            "boolean" => reader.GetBoolean(i) ? "true" : "false",
            "date" => (reader.GetFieldValue<DateOnly>(i).DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber).ToString(CultureInfo.InvariantCulture),
            "timestamp_ntz" or "timestamp_ltz" => EpochSeconds(reader.GetFieldValue<DateTime>(i)),
            _ => reader.GetFieldValue<string>(i),
        };
    }

    /// <summary>Seconds since the epoch with nine decimals (PostgreSQL keeps microseconds, so the last three are 0).</summary>
    private static string EpochSeconds(DateTime value)
    {
        var ticks = value.Ticks - DateTime.UnixEpoch.Ticks;
        var seconds = Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var rest);
        if (rest < 0)
        {
            seconds--;
            rest += TimeSpan.TicksPerSecond;
        }

        return string.Create(CultureInfo.InvariantCulture, $"{seconds}.{rest * 100:D9}");
    }
}
