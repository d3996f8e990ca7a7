namespace HealthDw.Snowflake.Tests.Support;

/// <summary>What the scripted SQL API answers to one statement.</summary>
internal abstract record ScriptedAnswer
{
    /// <summary>A result set. Column types are the SQL API's (<c>fixed</c>, <c>real</c>, <c>text</c>, <c>boolean</c>, <c>date</c>,
    /// <c>timestamp_ntz</c>...); <c>fixed</c> takes its scale from <see cref="ScriptedColumn.Scale"/>.</summary>
    public sealed record Rows(IReadOnlyList<ScriptedColumn> Columns, IReadOnlyList<string?[]> Data, long? InsertedRows = null) : ScriptedAnswer;

    /// <summary>The statement fails (HTTP 422, a QueryFailureStatus).</summary>
    public sealed record Failure(string Code, string SqlState, string Message) : ScriptedAnswer;

    /// <summary>202 for the submit and for the first <paramref name="Polls"/> − 1 status checks, then <paramref name="Then"/>.</summary>
    public sealed record Running(int Polls, ScriptedAnswer Then) : ScriptedAnswer;

    public static ScriptedAnswer Status(string message = "Statement executed successfully.") =>
        new Rows([new ScriptedColumn("status", "text")], [[message]]);

    /// <summary>An INSERT or MERGE: the "number of rows inserted" column and the stats.</summary>
    public static ScriptedAnswer Inserted(long rows) =>
        new Rows([new ScriptedColumn("number of rows inserted", "fixed")], [[rows.ToString(System.Globalization.CultureInfo.InvariantCulture)]], rows);

    public static ScriptedAnswer Table(IReadOnlyList<ScriptedColumn> columns, params string?[][] rows) => new Rows(columns, rows);

    public static ScriptedAnswer Empty(params ScriptedColumn[] columns) => new Rows(columns, []);
}

internal sealed record ScriptedColumn(string Name, string Type, int Scale = 0);
