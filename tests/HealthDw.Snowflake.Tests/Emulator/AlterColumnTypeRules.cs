using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace HealthDw.Snowflake.Tests.Emulator;

/// <summary>
/// What Snowflake's <c>ALTER TABLE … ALTER COLUMN … SET DATA TYPE</c> accepts (Snowflake SQL reference, "ALTER TABLE … ALTER
/// COLUMN", the Data Types rows): a synonymous type; a longer VARCHAR; a larger NUMBER precision, or a smaller one only if
/// every value already in the column fits. Unsupported, and refused here as Snowflake refuses them: a different type (TEXT to
/// NUMBER, NUMBER to TEXT, DATE to TIMESTAMP_NTZ...), a shorter VARCHAR, and any change of a NUMBER's scale. PostgreSQL
/// would make each of those, so without this the emulator would prove an adapter right that Snowflake would refuse.
/// </summary>
internal static partial class AlterColumnTypeRules
{
    public static bool IsAlterColumnType(string statement) => Pattern().IsMatch(statement);

    /// <exception cref="EmulatorException">The change is one Snowflake does not make.</exception>
    public static void Check(NpgsqlConnection connection, string statement)
    {
        var m = Pattern().Match(statement);
        var table = m.Groups["table"].Value.Split('.');
        var (schema, name) = table.Length > 1 ? (table[^2], table[^1]) : ("public", table[0]);
        var column = m.Groups["column"].Value;
        var wanted = Parse(m.Groups["type"].Value.Trim());
        var current = Current(connection, schema, name, column)
            ?? throw new EmulatorException("000904", "42000", $"SQL compilation error: error line 1 at position 0\ninvalid identifier '{column.ToUpperInvariant()}'");
        var refusal = (current, wanted) switch
        {
            ({ Family: "TEXT" }, { Family: "TEXT" }) when wanted.Length < current.Length => "decreasing the length of a text column is not supported",
            ({ Family: "NUMBER" }, { Family: "NUMBER" }) when wanted.Scale != current.Scale => "changing the scale of a number column is not supported",
            ({ Family: "NUMBER" }, { Family: "NUMBER" }) when wanted.Precision < current.Precision
                && !Fits(connection, schema, name, column, wanted) => "the new precision cannot hold every value in the column",
            _ when wanted.Family != current.Family => "changing a column to a different type is not supported",
            _ => null,
        };
        if (refusal is not null)
            throw new EmulatorException("002108", "0A000",
                $"SQL compilation error: cannot change column {column.ToUpperInvariant()} from type {current} to {wanted} ({refusal})");
    }

    private static bool Fits(NpgsqlConnection connection, string schema, string table, string column, SnowflakeType wanted)
    {
        using var command = new NpgsqlCommand(
            $"select not exists (select 1 from {schema}.{table} where abs({column}) >= 1e{wanted.Precision - wanted.Scale})", connection);
        return (bool)command.ExecuteScalar()!;
    }

    private static SnowflakeType? Current(NpgsqlConnection connection, string schema, string table, string column)
    {
        using var command = new NpgsqlCommand($"""
            select data_type, numeric_precision, numeric_scale, character_maximum_length from {EmulatedCatalog.Schema}.columns
            where table_schema = upper($1) and table_name = upper($2) and column_name = upper($3)
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = schema });
        command.Parameters.Add(new NpgsqlParameter { Value = table });
        command.Parameters.Add(new NpgsqlParameter { Value = column });
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        int Int(int i) => reader.IsDBNull(i) ? 0 : Convert.ToInt32(reader.GetValue(i), CultureInfo.InvariantCulture);
        return new SnowflakeType(reader.GetString(0), Int(1), Int(2), Int(3));
    }

    /// <summary>A type as written in the statement, in INFORMATION_SCHEMA's terms (VARCHAR is TEXT at 16777216 unless sized).</summary>
    private static SnowflakeType Parse(string type)
    {
        var m = TypeName().Match(type);
        var name = m.Groups["name"].Value.ToUpperInvariant();
        int Arg(int i, int otherwise) => m.Groups["args"].Success && m.Groups["args"].Value.Split(',') is var a && a.Length > i
            ? int.Parse(a[i].Trim(), CultureInfo.InvariantCulture) : otherwise;
        return name switch
        {
            "NUMBER" or "NUMERIC" or "DECIMAL" => new SnowflakeType("NUMBER", Arg(0, 38), Arg(1, 0), 0),
            "INT" or "INTEGER" or "BIGINT" => new SnowflakeType("NUMBER", 38, 0, 0),
            "VARCHAR" or "STRING" or "TEXT" => new SnowflakeType("TEXT", 0, 0, Arg(0, 16777216)),
            "FLOAT" or "DOUBLE" or "DOUBLE PRECISION" or "REAL" => new SnowflakeType("FLOAT", 0, 0, 0),
            "TIMESTAMP" or "TIMESTAMP_NTZ" or "DATETIME" => new SnowflakeType("TIMESTAMP_NTZ", 0, 0, 0),
            _ => new SnowflakeType(name, 0, 0, 0),
        };
    }

    private sealed record SnowflakeType(string Family, int Precision, int Scale, int Length)
    {
        public override string ToString() => Family switch
        {
            "NUMBER" => string.Create(CultureInfo.InvariantCulture, $"NUMBER({Precision},{Scale})"),
            "TEXT" => string.Create(CultureInfo.InvariantCulture, $"VARCHAR({Length})"),
            _ => Family,
        };
    }

    [GeneratedRegex(@"^\s*alter\s+table\s+(?:if\s+exists\s+)?(?<table>[\w.]+)\s+(?:alter|modify)\s+(?:column\s+)?(?<column>\w+)\s+(?:set\s+data\s+)?type\s+(?<type>.+?)\s*;?\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^(?<name>double\s+precision|[a-z_]+)\s*(?:\(\s*(?<args>\d+(?:\s*,\s*\d+)?)\s*\))?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TypeName();
}
