using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HealthDw.Snowflake.Tests.Support;
using Npgsql;
using NpgsqlTypes;

namespace HealthDw.Snowflake.Tests.Emulator;

/// <summary>
/// A Snowflake SQL API (<c>/api/v2/statements</c>) that keeps state: each statement is translated
/// (<see cref="SnowflakeToPostgres"/>) and run on a real PostgreSQL database, and COPY INTO from an external stage reads
/// the staged file from a folder (<see cref="CopyEmulation"/>). It answers with the documented shapes: 202 then 200 for
/// an asynchronous request, 422 QueryFailureStatus, ResultSet with rowType, partitions (further ones gzip-encoded),
/// <c>statementHandles</c> for a multi-statement request, DML <c>stats</c>, and the same result again for a resubmitted
/// <c>requestId</c> with <c>retry=true</c>. Before anything runs, the request's role, warehouse, database and schema must name
/// objects of its <see cref="EmulatedAccount"/> exactly as stored (by default what <c>warehouse/snowflake/setup.sql</c>
/// creates, so upper case), and a COPY's stage must exist there too; the SHOW and DESCRIBE statements <c>healthdw doctor</c>
/// sends are answered from it (<see cref="EmulatedAccount.TryAnswer"/>).
/// <para>What it models of Snowflake's semantics: one session per request (an open transaction ends with the request),
/// requests served concurrently, MULTI_STATEMENT_COUNT checked, READ COMMITTED (a statement sees what was committed
/// before it began; an UPDATE holds the rows it updated until the COMMIT), PRIMARY KEY and UNIQUE not enforced. It assumes
/// nothing more about locks: a MERGE that inserts takes none here, so only a lock the adapter takes itself serializes
/// two transactions. It is not Snowflake: SQL it was not taught is judged by PostgreSQL.</para>
/// Plug <see cref="Handle"/> into <see cref="FakeSnowflakeServer.Handler"/> (which verifies the JWT first).
/// </summary>
/// <param name="now">The account's clock, for what Snowflake timestamps itself (a table's CREATED); the machine's by default.</param>
/// <param name="account">The roles, warehouses, databases, schemas, stages and integrations every request's context, a COPY's
/// stage and the doctor's SHOW and DESCRIBE are held to; those of the shipped setup.sql by default.</param>
internal sealed partial class SnowflakeEmulator(
    NpgsqlDataSource database, Func<string, string, byte[]?> readStaged, string bucket, Func<DateTimeOffset>? now = null,
    EmulatedAccount? account = null)
{
    private const string StatementsPath = "/api/v2/statements";
    private readonly Lock _catalogGate = new();
    private readonly ConcurrentDictionary<string, Stored> _statements = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _byRequestId = new(StringComparer.Ordinal);
    private int _executions;

    public EmulatedAccount Account { get; } = account ?? EmulatedAccount.FromShippedSetup();
    private bool _catalogReady;

    /// <summary>How many status requests an asynchronous request is "still running" (202) before its result.</summary>
    public int PendingPolls { get; set; } = 1;

    /// <summary>Rows per result partition.</summary>
    public int PartitionRows { get; set; } = 100;

    /// <summary>Requests executed (a resubmission answered from an earlier execution does not count).</summary>
    public int Executions => Volatile.Read(ref _executions);

    private Rendezvous? _rendezvous;

    /// <summary>The next <paramref name="sessions"/> statements matching <paramref name="statement"/> wait for each other
    /// and then run at once (at most 10 s): two requests made to overlap exactly where a race would hurt.</summary>
    public void HoldTogether(Regex statement, int sessions) => _rendezvous = new Rendezvous(statement, sessions);

    public FakeReply Handle(FakeRequest request)
    {
        if (request.IsSubmit)
            return Submit(request);
        var path = request.Path;
        if (request.Method == "GET" && path.StartsWith(StatementsPath + "/", StringComparison.Ordinal))
            return Status(Uri.UnescapeDataString(path[(StatementsPath.Length + 1)..]), request.QueryValue("partition"));
        if (request.Method == "POST" && path.EndsWith("/cancel", StringComparison.Ordinal))
            return new FakeReply(200, """{"code":"000604","message":"Statement canceled."}""");
        return SnowflakeBodies.Error(404, "390404", "Unknown path.");
    }

    /// <summary>A resubmission (<c>retry=true</c>) of a known request id gets that request's statement, running or done;
    /// anything else runs. Requests run concurrently, each in its own session.</summary>
    private FakeReply Submit(FakeRequest request)
    {
        var requestId = request.RequestId;
        var handle = NewHandle();
        if (requestId is not null)
        {
            var first = _byRequestId.GetOrAdd(requestId, handle);
            if (request.IsRetry && first != handle && _statements.TryGetValue(first, out var earlier))
                return Answer(earlier);
            _byRequestId[requestId] = handle;
        }

        _statements[handle] = Stored.Running(handle);
        Interlocked.Increment(ref _executions);
        var stored = Execute(handle, request.Json);
        if (request.QueryValue("async") == "true")
            stored.Pending = PendingPolls;
        _statements[handle] = stored;
        return Answer(stored);
    }

    private FakeReply Status(string handle, string? partition)
    {
        if (!_statements.TryGetValue(handle, out var stored))
            return SnowflakeBodies.Error(404, "000709", $"Statement {handle} not found.");
        if (partition is not null)
        {
            var n = int.Parse(partition, CultureInfo.InvariantCulture);
            return SnowflakeBodies.Partition([.. stored.Rows.Skip(n * PartitionRows).Take(PartitionRows)]);
        }

        return Answer(stored);
    }

    private static FakeReply Answer(Stored stored) =>
        stored.TakePendingPoll() ? SnowflakeBodies.Accepted(stored.Handle) : stored.Reply;

    private Stored Execute(string handle, JsonElement body)
    {
        var sql = body.GetProperty("statement").GetString() ?? "";
        var expected = body.TryGetProperty("parameters", out var parameters) && parameters.TryGetProperty("MULTI_STATEMENT_COUNT", out var count)
            ? int.Parse(count.GetString()!, CultureInfo.InvariantCulture)
            : 1;
        var bindings = Bindings(body);
        if (Account.RefuseContext(body) is { } refused) // as the server in front already does; the emulator holds it on its own too
            return Failed(handle, refused);
        var requestDatabase = body.TryGetProperty("database", out var db) && db.ValueKind == JsonValueKind.String ? db.GetString() : null;
        try
        {
            var statements = MaskedSql.Split(sql);
            if (expected != 0 && expected != statements.Count)
                throw new EmulatorException("000008", "0A000",
                    $"Actual statement count {statements.Count} did not match the desired statement count {expected}.");
            using var connection = database.OpenConnection();
            lock (_catalogGate)
            {
                if (!_catalogReady)
                {
                    EmulatedCatalog.Ensure(connection);
                    // The schemas setup.sql made exist before the pipeline's first request, as on a prepared account.
                    foreach (var schema in Account.Schemas.Where(s => !s.EndsWith(".INFORMATION_SCHEMA", StringComparison.Ordinal)))
                    {
                        using var create = new NpgsqlCommand($"create schema if not exists \"{schema[(schema.IndexOf('.') + 1)..].ToLowerInvariant()}\"", connection);
                        create.ExecuteNonQuery();
                    }

                    _catalogReady = true;
                }
            }

            // A session's clock reads UTC (Snowflake's TIMEZONE parameter, set so for the account).
            using (var zone = new NpgsqlCommand("set timezone = 'UTC'", connection))
                zone.ExecuteNonQuery();

            var session = new Session(connection, (stage, key) =>
            {
                Account.RequireStage(stage, requestDatabase);
                return readStaged(stage, key);
            }, bucket, now ?? (() => DateTimeOffset.UtcNow), _rendezvous, Account, body);
            var results = statements.Select(s => session.Run(s, bindings)).ToList();
            if (statements.Count == 1)
                return Store(handle, results[0], null);
            var children = results.Select(r => Store(NewHandle(), r, null).Handle).ToArray();
            return Store(handle, new Executed([new EmulatedColumn("multiple statement execution", "text")],
                [["Multiple statements executed successfully."]], null), children);
        }
        catch (EmulatorException e)
        {
            return Failed(handle, e);
        }
        catch (PostgresException e)
        {
            return Failed(handle, Map(e));
        }
    }

    private Stored Store(string handle, Executed executed, string[]? children)
    {
        var partitions = Math.Max(1, (executed.Rows.Count + PartitionRows - 1) / PartitionRows);
        var counts = Enumerable.Range(0, partitions).Select(p => (long)Math.Min(PartitionRows, executed.Rows.Count - p * PartitionRows)).ToArray();
        var reply = SnowflakeBodies.ResultSet(handle, new JsonArray([.. executed.Columns.Select(c => (JsonNode)c.ToJson())]),
            [.. executed.Rows.Take(PartitionRows)], executed.Rows.Count, counts, children, executed.Stats);
        var stored = new Stored(handle, reply, executed.Rows);
        _statements[handle] = stored;
        return stored;
    }

    private Stored Failed(string handle, EmulatorException e)
    {
        var stored = new Stored(handle, SnowflakeBodies.Failure(422, e.Code, e.SqlState, e.Message, handle), []);
        _statements[handle] = stored;
        return stored;
    }

    private static EmulatorException Map(PostgresException e) => e.SqlState switch
    {
        PostgresErrorCodes.UndefinedTable => new EmulatorException("002003", "42S02", $"SQL compilation error:\n{e.MessageText}"),
        PostgresErrorCodes.UndefinedColumn => new EmulatorException("000904", "42000", $"SQL compilation error: {e.MessageText}"),
        var s when s.StartsWith("42", StringComparison.Ordinal) => new EmulatorException("001003", "42000", $"SQL compilation error: {e.MessageText}"),
        _ => new EmulatorException("100090", e.SqlState, e.MessageText),
    };

    private static List<(NpgsqlDbType Type, object Value)> Bindings(JsonElement body)
    {
        if (!body.TryGetProperty("bindings", out var bindings))
            return [];
        return bindings.EnumerateObject()
            .OrderBy(b => int.Parse(b.Name, CultureInfo.InvariantCulture))
            .Select(b =>
            {
                var type = b.Value.GetProperty("type").GetString();
                var value = b.Value.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                return type switch
                {
                    "FIXED" => (NpgsqlDbType.Numeric, value is null ? DBNull.Value : decimal.Parse(value, CultureInfo.InvariantCulture)),
                    "REAL" => (NpgsqlDbType.Double, value is null ? DBNull.Value : double.Parse(value, CultureInfo.InvariantCulture)),
                    "BOOLEAN" => (NpgsqlDbType.Boolean, value is null ? DBNull.Value : (object)bool.Parse(value)),
                    _ => (NpgsqlDbType.Text, (object?)value ?? DBNull.Value),
                };
            })
            .ToList();
    }

    private static string NewHandle() => Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture);

    /// <summary>A statement's answer as kept for status requests: its reply, and every row for the partitions.</summary>
    private sealed class Stored(string handle, FakeReply reply, IReadOnlyList<string?[]> rows, bool running = false)
    {
        private int _pending = running ? int.MaxValue : 0;

        public string Handle { get; } = handle;

        public FakeReply Reply { get; } = reply;

        public IReadOnlyList<string?[]> Rows { get; } = rows;

        /// <summary>Status requests still to answer "running" (202) before the result.</summary>
        public int Pending
        {
            set => Volatile.Write(ref _pending, value);
        }

        /// <summary>A statement that has not finished: every status request answers 202 until it is replaced.</summary>
        public static Stored Running(string handle) => new(handle, SnowflakeBodies.Accepted(handle), [], running: true);

        public bool TakePendingPoll()
        {
            while (true)
            {
                var pending = Volatile.Read(ref _pending);
                if (pending <= 0)
                    return false;
                if (pending == int.MaxValue || Interlocked.CompareExchange(ref _pending, pending - 1, pending) == pending)
                    return true;
            }
        }
    }

    /// <summary>One request's session: its statements in order on one connection, with Snowflake's transaction rules.</summary>
    private sealed class Session(NpgsqlConnection connection, Func<string, string, byte[]?> readStaged, string bucket, Func<DateTimeOffset> now,
        Rendezvous? rendezvous, EmulatedAccount account, JsonElement body)
    {

        public Executed Run(string statement, IReadOnlyList<(NpgsqlDbType Type, object Value)> bindings)
        {
            rendezvous?.Arrive(statement);
            if (account.TryAnswer(statement, body) is { } answered)
                return answered;
            var verb = FirstWord().Match(statement).Value.ToLowerInvariant();
            if (verb == "copy")
                return CopyEmulation.Run(connection, statement, readStaged, bucket);
            if (verb == "alter" && AlterColumnTypeRules.IsAlterColumnType(statement))
                AlterColumnTypeRules.Check(connection, statement);
            var sql = SnowflakeToPostgres.Translate(statement, now());
            switch (verb)
            {
                case "begin" or "start":
                    NonQuery("begin");
                    return Status();
                case "commit" or "rollback":
                    NonQuery(verb);
                    return Status();
                case "insert" or "update" or "delete" or "merge":
                    return Dml(verb, sql, bindings);
                case "create" when TransientTable().Match(statement) is { Success: true } transient:
                    var created = Query(sql, bindings);
                    EmulatedCatalog.RecordTransient(connection, transient.Groups["table"].Value, now());
                    return created;
                default:
                    return Query(sql, bindings);
            }
        }

        private Executed Dml(string verb, string sql, IReadOnlyList<(NpgsqlDbType Type, object Value)> bindings)
        {
            var target = DmlTarget().Match(sql).Groups["table"].Value;
            var before = verb == "merge" ? Count(target) : 0;
            var affected = NonQuery(sql, bindings);
            var inserted = verb switch { "insert" => affected, "merge" => Count(target) - before, _ => 0 };
            var updated = verb switch { "update" => affected, "merge" => affected - inserted, _ => 0 };
            var deleted = verb == "delete" ? affected : 0;
            var stats = new JsonObject
            {
                ["numRowsInserted"] = inserted,
                ["numRowsUpdated"] = updated,
                ["numRowsDeleted"] = deleted,
                ["numDmlDuplicates"] = 0,
            };
            (string Name, long Value)[] columns = verb switch
            {
                "insert" => [("number of rows inserted", inserted)],
                "update" => [("number of rows updated", updated), ("number of multi-joined rows updated", 0)],
                "delete" => [("number of rows deleted", deleted)],
                _ => [("number of rows inserted", inserted), ("number of rows updated", updated)],
            };
            return new Executed(
                [.. columns.Select(c => new EmulatedColumn(c.Name, "fixed", 19, 0))],
                [[.. columns.Select(c => (string?)c.Value.ToString(CultureInfo.InvariantCulture))]],
                stats);
        }

        private Executed Query(string sql, IReadOnlyList<(NpgsqlDbType Type, object Value)> bindings)
        {
            using var command = Command(sql, bindings);
            using var reader = command.ExecuteReader();
            if (reader.FieldCount == 0)
                return Status();
            var keep = Enumerable.Range(0, reader.FieldCount)
                .Where(i => reader.GetName(i) != SnowflakeToPostgres.QualifyColumn)
                .ToList();
            var columns = keep.Select(i => ResultEncoding.Column(reader, i)).ToList();
            var rows = new List<string?[]>();
            while (reader.Read())
                rows.Add([.. keep.Select((i, j) => ResultEncoding.Cell(reader, i, columns[j]))]);
            return new Executed(columns, rows, null);
        }

        private long Count(string table)
        {
            using var command = new NpgsqlCommand($"select count(*) from {table}", connection);
            return (long)command.ExecuteScalar()!;
        }

        private int NonQuery(string sql, IReadOnlyList<(NpgsqlDbType Type, object Value)>? bindings = null)
        {
            using var command = Command(sql, bindings ?? []);
            return command.ExecuteNonQuery();
        }

        private NpgsqlCommand Command(string sql, IReadOnlyList<(NpgsqlDbType Type, object Value)> bindings)
        {
            var command = new NpgsqlCommand(sql, connection);
            var used = Placeholder().Matches(sql).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();
            if (used > bindings.Count)
                throw new EmulatorException("002049", "42601", $"SQL compilation error: {used} bind variables, {bindings.Count} bindings");
            foreach (var (type, value) in bindings.Take(used))
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = type, Value = value });
            return command;
        }

        private static Executed Status() =>
            new([new EmulatedColumn("status", "text")], [["Statement executed successfully."]], null);
    }

    [GeneratedRegex(@"^\s*\w+", RegexOptions.CultureInvariant)]
    private static partial Regex FirstWord();

    [GeneratedRegex(@"^\s*(?:insert\s+into|merge\s+into|update|delete\s+from)\s+(?<table>[\w.]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DmlTarget();

    [GeneratedRegex(@"^\s*create\s+transient\s+table\s+(?:if\s+not\s+exists\s+)?(?<table>[\w.]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TransientTable();

    [GeneratedRegex(@"\$(\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();
}

/// <summary>A meeting point for the first few statements that match a pattern: each waits until all have arrived.</summary>
internal sealed class Rendezvous(Regex statement, int sessions)
{
    private readonly CountdownEvent _arrivals = new(sessions);
    private int _arrived;

    public void Arrive(string sql)
    {
        if (!statement.IsMatch(sql) || Interlocked.Increment(ref _arrived) > sessions)
            return;
        _arrivals.Signal();
        _arrivals.Wait(TimeSpan.FromSeconds(10));
    }
}

/// <summary>What one statement answered: its columns, its rows (cells already in the wire encoding), and DML stats.</summary>
internal sealed record Executed(IReadOnlyList<EmulatedColumn> Columns, IReadOnlyList<string?[]> Rows, JsonObject? Stats);
