using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace HealthDw.Snowflake.Tests.Support;

/// <summary>
/// Plays the SQL API v2 for the warehouse adapters on top of <see cref="FakeSnowflakeServer"/>: each statement of a
/// submitted request is answered by the newest rule whose pattern matches its text (case-insensitive). A multi-statement
/// request is checked against its MULTI_STATEMENT_COUNT, split, and answered as Snowflake documents it: a parent result
/// with <c>statementHandles</c>, each child's result under its own handle, or 422 at the first child that fails. A
/// <see cref="ScriptedAnswer.Running"/> answer makes the submit return 202 and the status checks 202 until it is done.
/// Statements no rule matches fail with 422 and are listed in <see cref="Unmatched"/>.
/// </summary>
internal sealed class ScriptedSqlApi
{
    private readonly List<(Regex Pattern, Func<Match, ScriptedAnswer> Answer)> _rules = [];
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeReply>> _pending = new();
    private readonly ConcurrentQueue<ScriptedRequest> _requests = new();
    private readonly ConcurrentQueue<string> _unmatched = new();
    private int _handles;

    public ScriptedSqlApi(FakeSnowflakeServer server)
    {
        server.Handler = Handle;
        On(@"^(begin transaction|begin|commit|rollback)$", _ => ScriptedAnswer.Status());
        On(@"^(create|drop|alter|use)\b", _ => ScriptedAnswer.Status());
        On(@"^(insert|merge)\b", _ => ScriptedAnswer.Inserted(1));
        On(@"^update\b", _ => new ScriptedAnswer.Rows(
            [new ScriptedColumn("number of rows updated", "fixed"), new ScriptedColumn("number of multi-joined rows updated", "fixed")], [["1", "0"]]));
    }

    /// <summary>Every submitted request, in order.</summary>
    public IReadOnlyList<ScriptedRequest> Requests => [.. _requests];

    /// <summary>Every statement of every request, in order.</summary>
    public IReadOnlyList<string> Statements => [.. _requests.SelectMany(r => r.Statements)];

    public IReadOnlyList<string> Unmatched => [.. _unmatched];

    /// <summary>Adds a rule; it takes precedence over the rules added before it.</summary>
    public ScriptedSqlApi On(string pattern, Func<Match, ScriptedAnswer> answer)
    {
        lock (_rules)
            _rules.Insert(0, (new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant), answer));
        return this;
    }

    public ScriptedSqlApi On(string pattern, ScriptedAnswer answer) => On(pattern, _ => answer);

    /// <summary>Splits SQL text at the semicolons outside string constants (<c>''</c> and <c>\</c> escapes honoured).</summary>
    public static IReadOnlyList<string> Split(string sql)
    {
        var statements = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < sql.Length; i++)
        {
            var c = sql[i];
            if (quoted && c == '\\' && i + 1 < sql.Length)
            {
                current.Append(c).Append(sql[++i]);
                continue;
            }

            if (c == '\'')
            {
                if (quoted && i + 1 < sql.Length && sql[i + 1] == '\'')
                {
                    current.Append("''");
                    i++;
                    continue;
                }

                quoted = !quoted;
            }

            if (c == ';' && !quoted)
            {
                Add();
                continue;
            }

            current.Append(c);
        }

        Add();
        return statements;

        void Add()
        {
            var text = current.ToString().Trim();
            if (text.Length > 0)
                statements.Add(text);
            current.Clear();
        }
    }

    private FakeReply Handle(FakeRequest request)
    {
        if (request.IsSubmit)
            return Submit(request);
        if (request.Method == "GET" && request.Path.StartsWith("/api/v2/statements/", StringComparison.Ordinal))
        {
            var handle = Uri.UnescapeDataString(request.Path["/api/v2/statements/".Length..]);
            if (_pending.TryGetValue(handle, out var queue) && queue.TryDequeue(out var reply))
                return reply;
            return SnowflakeBodies.Failure(422, "000709", "02000", $"Statement {handle} not found", handle);
        }

        return SnowflakeBodies.Error(404, "000000", $"the scripted SQL API has no {request.Method} {request.Path}");
    }

    private FakeReply Submit(FakeRequest request)
    {
        var body = request.Json;
        var sql = body.GetProperty("statement").GetString()!;
        var count = body.TryGetProperty("parameters", out var parameters) && parameters.TryGetProperty("MULTI_STATEMENT_COUNT", out var c)
            ? int.Parse(c.GetString()!, CultureInfo.InvariantCulture)
            : 1;
        IReadOnlyList<string> statements = count == 1 ? [sql.Trim().TrimEnd(';').Trim()] : Split(sql);
        var bindings = new List<string?>();
        if (body.TryGetProperty("bindings", out var bound))
        {
            foreach (var binding in bound.EnumerateObject().OrderBy(b => int.Parse(b.Name, CultureInfo.InvariantCulture)))
                bindings.Add(binding.Value.GetProperty("value").ValueKind == JsonValueKind.Null ? null : binding.Value.GetProperty("value").GetString());
        }

        _requests.Enqueue(new ScriptedRequest(sql, statements, count, request.RequestId, request.IsRetry, bindings));
        var handle = NewHandle();
        if (count != 1 && count != 0 && count != statements.Count)
            return SnowflakeBodies.Failure(422, "000008", "0A000",
                $"Actual statement count {statements.Count} did not match the desired statement count {count}.", handle);

        if (count == 1)
            return Render(Answer(statements[0]), handle);

        var children = new List<string>();
        foreach (var statement in statements)
        {
            var answer = Answer(statement);
            while (answer is ScriptedAnswer.Running running)
                answer = running.Then;
            if (answer is ScriptedAnswer.Failure failure)
            {
                return SnowflakeBodies.Failure(422, failure.Code, failure.SqlState,
                    $"JavaScript execution error: Uncaught Execution of multiple statements failed on statement \"{Head(statement)}...\" (at line 1, position 0).\n"
                    + failure.Message, handle);
            }

            var child = NewHandle();
            _pending[child] = new ConcurrentQueue<FakeReply>([Render(answer, child)]);
            children.Add(child);
        }

        return Body(handle, [new ScriptedColumn("multiple statement execution", "text")], [["Multiple statements executed successfully."]], null, children);
    }

    private ScriptedAnswer Answer(string statement)
    {
        List<(Regex Pattern, Func<Match, ScriptedAnswer> Answer)> rules;
        lock (_rules)
            rules = [.. _rules];
        foreach (var (pattern, answer) in rules)
        {
            var m = pattern.Match(statement);
            if (m.Success)
                return answer(m);
        }

        _unmatched.Enqueue(statement);
        return new ScriptedAnswer.Failure("001003", "42000", "SQL compilation error: the scripted SQL API has no answer for this statement");
    }

    private FakeReply Render(ScriptedAnswer answer, string handle)
    {
        switch (answer)
        {
            case ScriptedAnswer.Rows rows:
                return Body(handle, rows.Columns, rows.Data, rows.InsertedRows, null);
            case ScriptedAnswer.Failure failure:
                return SnowflakeBodies.Failure(422, failure.Code, failure.SqlState, failure.Message, handle);
            case ScriptedAnswer.Running running:
                var queue = new ConcurrentQueue<FakeReply>();
                for (var i = 1; i < running.Polls; i++)
                    queue.Enqueue(SnowflakeBodies.Accepted(handle));
                queue.Enqueue(Render(running.Then, handle));
                _pending[handle] = queue;
                return SnowflakeBodies.Accepted(handle);
            default:
                throw new InvalidOperationException($"unknown answer {answer}");
        }
    }

    private static FakeReply Body(string handle, IReadOnlyList<ScriptedColumn> columns, IReadOnlyList<string?[]> rows, long? inserted, IReadOnlyList<string>? children) =>
        SnowflakeBodies.ResultSet(handle, new JsonArray(columns.Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c.Name,
            ["database"] = "",
            ["schema"] = "",
            ["table"] = "",
            ["type"] = c.Type,
            ["nullable"] = true,
            ["precision"] = c.Type == "fixed" ? 38 : null,
            ["scale"] = c.Type == "fixed" ? c.Scale : c.Type.StartsWith("timestamp", StringComparison.Ordinal) ? 9 : null,
            ["length"] = c.Type == "text" ? 16777216 : null,
        }).ToArray()), rows, statementHandles: children, stats: inserted is { } n ? new JsonObject { ["numRowsInserted"] = n } : null);

    private string NewHandle() => string.Create(CultureInfo.InvariantCulture, $"01c-{Interlocked.Increment(ref _handles):D4}");

    private static string Head(string statement) => statement.Length <= 30 ? statement : statement[..30];
}

/// <summary>One submitted request: its SQL, split into statements, MULTI_STATEMENT_COUNT, request id and bound values.</summary>
internal sealed record ScriptedRequest(
    string Sql, IReadOnlyList<string> Statements, int Count, string? RequestId, bool IsRetry, IReadOnlyList<string?> Bindings);
