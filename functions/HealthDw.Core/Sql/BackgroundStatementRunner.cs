using System.Collections.Concurrent;
using HealthDw.Core.Ports;

namespace HealthDw.Core.Sql;

/// <summary>
/// Asynchronous statements over any <see cref="ISqlRunner"/> (PostgreSQL today, any embedded engine tomorrow): a
/// submission starts the SQL in the background of this process and returns a handle; a status call answers by handle.
/// The local twin of Snowflake's asynchronous statements, so the local workflow polls the very same way.
/// <para>A status call waits up to <see cref="Patience"/> for the statement to end before it answers "running": the
/// local workflow may run on a virtual clock whose Wait states take no time, and this keeps its looks few (300 looks of a
/// phase last at least 150 s however fast the clock runs). A look at many handles waits at most this long for each, far
/// below any Lambda timeout, and the statements run on meanwhile. Handles live as long as the process: a statement outlives the step that submitted it, as a
/// warehouse's does, but not a restart of the tool.</para>
/// </summary>
public sealed class BackgroundStatementRunner(ISqlRunner sql) : IStatementRunner
{
    private readonly ConcurrentDictionary<string, Task<IReadOnlyList<object?[]>>> _running = new(StringComparer.Ordinal);

    public TimeSpan Patience { get; init; } = TimeSpan.FromMilliseconds(500);

    public Task<string> SubmitAsync(IReadOnlyList<string> statements, bool atomic, CancellationToken ct) =>
        Task.FromResult(Start(async () =>
        {
            await sql.ExecuteAsync(statements, atomic, CancellationToken.None);
            return [];
        }));

    public Task<string> SubmitQueryAsync(string query, CancellationToken ct) =>
        Task.FromResult(Start(() => sql.QueryAsync(query, CancellationToken.None)));

    public async Task<StatementStatus> StatusAsync(string handle, CancellationToken ct)
    {
        if (!_running.TryGetValue(handle, out var statement))
            throw new WarehouseSqlException("", $"statement {handle} is unknown here: the process that ran it has ended, so its outcome is lost");
        await Task.WhenAny(statement, Task.Delay(Patience, ct));
        if (!statement.IsCompleted) return StatementStatus.StillRunning;
        try
        {
            return StatementStatus.Succeeded(await statement);
        }
        catch (WarehouseSqlException e)
        {
            return StatementStatus.Failed(e);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The runner lets transient errors (a deadlock, a lost connection) through unscrubbed: they carry no data, and the
            // statement is over either way. Its type and message say what happened.
            return StatementStatus.Failed(new WarehouseSqlException("", $"{e.GetType().Name}: {e.Message}"));
        }
    }

    private string Start(Func<Task<IReadOnlyList<object?[]>>> run)
    {
        var handle = Guid.NewGuid().ToString("D");
        _running[handle] = Task.Run(run);
        return handle;
    }
}
