using HealthDw.Warehouse;
using HealthDw.Core.Ports;

namespace HealthDw.Warehouse.DuckDb;

/// <summary>The alert window in audit.alert_window: one row per group. DuckDB has no row locks (a second writer of the row
/// fails at once), so a group's decision is serialised in-process (<see cref="DuckDbDatabase.LockAsync"/>): every writer
/// of the file is in this process.</summary>
public sealed class DuckDbAlertWindow(DuckDbDatabase database) : IAlertWindow
{
    public async Task<IReadOnlyList<string>> OfferAsync(string group, string summary, DateTimeOffset now, TimeSpan window, CancellationToken ct)
    {
        using var held = await database.LockAsync($"alert:{group}", ct);
        await using var connection = await database.ConnectAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var ensure = DuckDbWarehouse.Command(connection,
            "insert into audit.alert_window (group_key, held) values ($1, []) on conflict (group_key) do nothing", group))
            await ensure.ExecuteNonQueryAsync(ct);

        DateTimeOffset? lastSent;
        List<string> waiting;
        await using (var read = DuckDbWarehouse.Command(connection, "select last_sent_at, held from audit.alert_window where group_key = $1", group))
        {
            await using var reader = await read.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            lastSent = reader.IsDBNull(0) ? null : AuditRows.Instant(reader.GetValue(0));
            waiting = reader.GetFieldValue<List<string>>(1);
        }

        var open = lastSent is null || now - lastSent >= window;
        await using (var write = open
            ? DuckDbWarehouse.Command(connection, "update audit.alert_window set last_sent_at = $1, held = [] where group_key = $2", now.ToUniversalTime(), group)
            : DuckDbWarehouse.Command(connection, "update audit.alert_window set held = list_append(held, $1) where group_key = $2", summary, group))
            await write.ExecuteNonQueryAsync(ct);

        await transaction.CommitAsync(ct);
        return open ? [.. waiting, summary] : [];
    }

    public async Task<IReadOnlyList<string>> DrainAsync(string group, CancellationToken ct)
    {
        using var held = await database.LockAsync($"alert:{group}", ct);
        await using var connection = await database.ConnectAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        List<string>? waiting = null;
        await using (var read = DuckDbWarehouse.Command(connection, "select held from audit.alert_window where group_key = $1", group))
        {
            await using var reader = await read.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct)) waiting = reader.GetFieldValue<List<string>>(0);
        }

        if (waiting is null) return [];
        await using (var empty = DuckDbWarehouse.Command(connection, "update audit.alert_window set held = [] where group_key = $1", group))
            await empty.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
        return waiting;
    }
}
