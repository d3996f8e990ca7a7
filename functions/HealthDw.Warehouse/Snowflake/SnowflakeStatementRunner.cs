using HealthDw.Core.Ports;

namespace HealthDw.Warehouse.Snowflake;

/// <summary>
/// The publish phases' statements on Snowflake: submitted through the SQL API with <c>async=true</c>, answered by their
/// statement handle (<c>GET /api/v2/statements/{handle}</c>: 202 while running, 200 with the result, 422 when it failed),
/// the very machinery the COPY of Check Load uses (<see cref="SnowflakeSqlClient"/>). Statements that belong together go
/// as one multi-statement request, in <c>BEGIN TRANSACTION … COMMIT</c> when atomic, as <see cref="SnowflakeSqlRunner"/>
/// sends them.
/// </summary>
public sealed class SnowflakeStatementRunner(SnowflakeSqlClient client) : IStatementRunner
{
    public async Task<string> SubmitAsync(IReadOnlyList<string> statements, bool atomic, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(statements);
        List<string> body = [.. statements.Where(s => !string.IsNullOrWhiteSpace(s))];
        List<string> all = atomic ? ["begin transaction", .. body, "commit"] : body;
        return await SubmitAsync(new SnowflakeStatement(SnowflakeSql.Join(all)) { StatementCount = all.Count }, ct);
    }

    public Task<string> SubmitQueryAsync(string sql, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        return SubmitAsync(new SnowflakeStatement(sql), ct);
    }

    public async Task<StatementStatus> StatusAsync(string handle, CancellationToken ct)
    {
        try
        {
            var status = await client.GetStatusAsync(handle, ct);
            return status.Result is { } result ? StatementStatus.Succeeded(SnowflakeValueConverter.Rows(result)) : StatementStatus.StillRunning;
        }
        catch (SnowflakeSqlException e)
        {
            return StatementStatus.Failed(SnowflakeSqlRunner.Refused(e));
        }
        catch (SnowflakeTransientException e) when (e.Reason == SnowflakeTransientReason.StatementTimeout)
        {
            // 408: Snowflake cancelled the statement at its STATEMENT_TIMEOUT_IN_SECONDS; it will not end any other way.
            return StatementStatus.Failed(new WarehouseSqlException("57014", e.Message));
        }
    }

    private async Task<string> SubmitAsync(SnowflakeStatement statement, CancellationToken ct)
    {
        try
        {
            return (await client.SubmitAsync(statement, ct)).StatementHandle;
        }
        catch (SnowflakeSqlException e)
        {
            throw SnowflakeSqlRunner.Refused(e);
        }
    }
}
