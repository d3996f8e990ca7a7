using System.Text;

namespace HealthDw.Snowflake.Tests.Emulator;

/// <summary>
/// Snowflake SQL text with its string constants taken out: <see cref="Code"/> holds a marker (<c>\u0001n\u0002</c>) for
/// each constant, so rewrites never touch what is inside quotes. Snowflake constants are single-quoted with <c>''</c> and
/// backslash escapes; <see cref="Values"/> holds them unescaped, and <see cref="Unmask"/> writes them back as PostgreSQL
/// constants (standard strings: only <c>'</c> is doubled).
/// </summary>
internal sealed class MaskedSql
{
    private MaskedSql(string code, List<string> values)
    {
        Code = code;
        Values = values;
    }

    public string Code { get; }

    public IReadOnlyList<string> Values { get; }

    public static MaskedSql Of(string sql)
    {
        var code = new StringBuilder(sql.Length);
        var values = new List<string>();
        for (var i = 0; i < sql.Length; i++)
        {
            var c = sql[i];
            if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                while (i < sql.Length && sql[i] != '\n')
                    i++;
                code.Append('\n');
                continue;
            }

            if (c != '\'')
            {
                code.Append(c);
                continue;
            }

            var value = new StringBuilder();
            for (i++; ; i++)
            {
                if (i >= sql.Length)
                    throw new EmulatorException("001003", "42000", "SQL compilation error: a string constant is not closed");
                if (sql[i] == '\\' && i + 1 < sql.Length)
                {
                    i++;
                    value.Append(sql[i] switch { 'n' => '\n', 't' => '\t', 'r' => '\r', '0' => '\0', var other => other });
                }
                else if (sql[i] == '\'' && i + 1 < sql.Length && sql[i + 1] == '\'')
                {
                    value.Append('\'');
                    i++;
                }
                else if (sql[i] == '\'')
                {
                    break;
                }
                else
                {
                    value.Append(sql[i]);
                }
            }

            code.Append('\u0001').Append(values.Count).Append('\u0002');
            values.Add(value.ToString());
        }

        return new MaskedSql(code.ToString(), values);
    }

    /// <summary>The statements of a multi-statement text (split on <c>;</c> outside constants), each masked on its own.</summary>
    public static IReadOnlyList<string> Split(string sql)
    {
        var masked = Of(sql);
        return masked.Code.Split(';')
            .Where(s => !string.IsNullOrWhiteSpace(s))
            .Select(s => masked.Unmask(s, Snowflake: true).Trim())
            .ToList();
    }

    /// <summary>The code with its constants put back: as PostgreSQL constants, or (<paramref name="Snowflake"/>) as Snowflake ones.</summary>
    public string Unmask(string code, bool Snowflake = false)
    {
        var text = new StringBuilder(code.Length);
        for (var i = 0; i < code.Length; i++)
        {
            if (code[i] != '\u0001')
            {
                text.Append(code[i]);
                continue;
            }

            var end = code.IndexOf('\u0002', i);
            var value = Values[int.Parse(code.AsSpan(i + 1, end - i - 1), System.Globalization.CultureInfo.InvariantCulture)];
            text.Append(Snowflake ? SnowflakeConstant(value) : PostgresConstant(value));
            i = end;
        }

        return text.ToString();
    }

    /// <summary>The value of the constant whose marker is <paramref name="marker"/>, or null when it is no marker.</summary>
    public string? ValueOf(string marker)
    {
        var m = marker.Trim();
        return m.Length > 2 && m[0] == '\u0001' && m[^1] == '\u0002'
            ? Values[int.Parse(m.AsSpan(1, m.Length - 2), System.Globalization.CultureInfo.InvariantCulture)]
            : null;
    }

    public static string PostgresConstant(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string SnowflakeConstant(string value) =>
        "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "'";
}
