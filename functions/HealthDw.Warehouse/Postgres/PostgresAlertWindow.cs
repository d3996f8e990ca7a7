using HealthDw.Core.Ports;
using Npgsql;

namespace HealthDw.Warehouse.Postgres;

/// <summary>The alert window in audit.alert_window: one row per group, locked while it is decided.</summary>
public sealed class PostgresAlertWindow(NpgsqlDataSource source) : IAlertWindow
{
    public async Task<IReadOnlyList<string>> OfferAsync(string group, string summary, DateTimeOffset now, TimeSpan window, CancellationToken ct)
    {
        await using var connection = await source.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var ensure = new NpgsqlCommand(
            "insert into audit.alert_window (group_key, held) values (@g, '{}') on conflict (group_key) do nothing", connection, transaction))
        {
            ensure.Parameters.AddWithValue("g", group);
            await ensure.ExecuteNonQueryAsync(ct);
        }

        DateTimeOffset? lastSent;
        string[] held;
        await using (var read = new NpgsqlCommand("select last_sent_at, held from audit.alert_window where group_key = @g for update", connection, transaction))
        {
            read.Parameters.AddWithValue("g", group);
            await using var reader = await read.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            lastSent = reader.IsDBNull(0) ? null : reader.GetFieldValue<DateTimeOffset>(0);
            held = reader.GetFieldValue<string[]>(1);
        }

        var open = lastSent is null || now - lastSent >= window;
        await using (var write = new NpgsqlCommand(open
            ? "update audit.alert_window set last_sent_at = @now, held = '{}' where group_key = @g"
            : "update audit.alert_window set held = array_append(held, @s) where group_key = @g", connection, transaction))
        {
            write.Parameters.AddWithValue("g", group);
            write.Parameters.AddWithValue("now", now.ToUniversalTime());
            write.Parameters.AddWithValue("s", summary);
            await write.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return open ? [.. held, summary] : [];
    }

    /// <summary>The held alerts are read from the locked row before the UPDATE empties it. (A CTE that selects FOR UPDATE
    /// does not do this: its snapshot no longer sees the row once the same statement's UPDATE has changed it.)</summary>
    public async Task<IReadOnlyList<string>> DrainAsync(string group, CancellationToken ct)
    {
        await using var command = source.CreateCommand("""
            update audit.alert_window w set held = '{}'
            from (select group_key, held from audit.alert_window where group_key = @g for update) old
            where w.group_key = old.group_key
            returning old.held
            """);
        command.Parameters.AddWithValue("g", group);
        return await command.ExecuteScalarAsync(ct) is string[] held ? held : [];
    }
}
