using System.Globalization;
using HealthDw.Core.Ports;

namespace HealthDw.Warehouse.Snowflake;

/// <summary>
/// The alert window in audit.alert_window, one row per group. Snowflake has no <c>SELECT … FOR UPDATE</c>, so each call
/// is one request: <c>BEGIN</c>; the UPDATE of <c>audit.write_lock</c> that queues it behind any other such transaction;
/// a MERGE that creates the group's row if it is missing; a SELECT of the state before this call; the UPDATE that
/// decides, with the same rule in SQL as here; <c>COMMIT</c>. Each statement after the lock sees what the offers before
/// it committed, so concurrent offers for a group neither both send nor create the group twice.
/// </summary>
public sealed class SnowflakeAlertWindow(SnowflakeSqlClient client) : IAlertWindow
{
    public async Task<IReadOnlyList<string>> OfferAsync(string group, string summary, DateTimeOffset now, TimeSpan window, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(summary);
        var key = SnowflakeSql.Literal(group);
        // Open when nothing was sent yet, or the last message is at least one window old.
        var open = $"(last_sent_at is null or last_sent_at <= {SnowflakeSql.TimestampLtz(now - window)})";
        List<string> statements =
        [
            "begin transaction",
            SnowflakeSql.TakeWriteLock,
            $"""
            merge into audit.alert_window as w
            using (select {key} as group_key, array_construct() as held) as s
            on w.group_key = s.group_key
            when not matched then insert (group_key, last_sent_at, held) values (s.group_key, null, s.held)
            """,
            $"select last_sent_at, held from audit.alert_window where group_key = {key}",
            $"""
            update audit.alert_window
            set held = iff({open}, array_construct(), array_append(held, {SnowflakeSql.Literal(summary)})),
                last_sent_at = iff({open}, {SnowflakeSql.TimestampLtz(now)}, last_sent_at)
            where group_key = {key}
            """,
            "commit",
        ];
        var (lastSent, held) = await RunAsync(statements, read: 3, ct);
        var isOpen = lastSent is null || now - lastSent.Value >= window;
        return isOpen ? [.. held, summary] : [];
    }

    public async Task<IReadOnlyList<string>> DrainAsync(string group, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(group);
        var key = SnowflakeSql.Literal(group);
        List<string> statements =
        [
            "begin transaction",
            SnowflakeSql.TakeWriteLock,
            $"select last_sent_at, held from audit.alert_window where group_key = {key}",
            $"update audit.alert_window set held = array_construct() where group_key = {key}",
            "commit",
        ];
        return (await RunAsync(statements, read: 2, ct)).Held;
    }

    /// <returns>The group's state as the SELECT (statement <paramref name="read"/>, from 0) read it, before this call's update.</returns>
    private async Task<(DateTimeOffset? LastSent, IReadOnlyList<string> Held)> RunAsync(List<string> statements, int read, CancellationToken ct)
    {
        var result = await client.ExecuteAsync(new SnowflakeStatement(SnowflakeSql.Join(statements)) { StatementCount = statements.Count }, ct);
        if (result.Statements.Count != statements.Count)
            throw new InvalidOperationException(
                string.Create(CultureInfo.InvariantCulture, $"Snowflake answered the alert-window request with {result.Statements.Count} statement results; expected {statements.Count}."));
        var row = SnowflakeValueConverter.Rows(result.Statements[read]).FirstOrDefault();
        if (row is null)
            return (null, []);
        DateTimeOffset? lastSent = row[0] is null ? null : SnowflakeWarehouse.Instant(row[0]);
        return (lastSent, SnowflakeValueConverter.TextArray(row[1] as string));
    }
}
