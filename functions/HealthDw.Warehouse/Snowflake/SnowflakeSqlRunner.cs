using HealthDw.Core.Ports;

namespace HealthDw.Warehouse.Snowflake;

/// <summary>
/// Runs model, check and reconciliation SQL on Snowflake through the SQL API. Each call is one HTTP request, so
/// statements that belong together travel together: several statements go as one multi-statement request (a
/// <c>USE SCHEMA</c> then applies to the ones after it), and <c>atomic</c> wraps them in
/// <c>BEGIN TRANSACTION … COMMIT</c>. Snowflake commits DDL on its own, so a transaction makes DML atomic; DDL such as
/// <c>CREATE TABLE</c> or the schema swap is atomic statement by statement.
/// </summary>
public sealed class SnowflakeSqlRunner(SnowflakeSqlClient client) : ISqlRunner
{
    public async Task ExecuteAsync(IReadOnlyList<string> statements, bool atomic, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(statements);
        var body = statements.Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
        if (body.Count == 0)
            return;
        List<string> all = atomic ? ["begin transaction", .. body, "commit"] : body;
        try
        {
            await client.ExecuteAsync(new SnowflakeStatement(SnowflakeSql.Join(all)) { StatementCount = all.Count }, ct);
        }
        catch (SnowflakeSqlException e)
        {
            throw Refused(e);
        }
    }

    public async Task<IReadOnlyList<object?[]>> QueryAsync(string sql, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        try
        {
            return SnowflakeValueConverter.Rows(await client.ExecuteAsync(new SnowflakeStatement(sql), ct));
        }
        catch (SnowflakeSqlException e)
        {
            throw Refused(e);
        }
    }

    /// <summary>The port's error for a refused statement; Snowflake's message was already stripped of quoted values.</summary>
    internal static WarehouseSqlException Refused(SnowflakeSqlException e) => new(e.SqlState ?? "", e.Message);
}
