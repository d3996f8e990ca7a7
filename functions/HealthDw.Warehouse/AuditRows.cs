using System.Data.Common;
using HealthDw.Core.Drops;
using HealthDw.Core.Ports;

namespace HealthDw.Warehouse;

/// <summary>
/// The audit schema's ledger, rejection and publish-attempt rows: one select list each, for every warehouse (PostgreSQL, DuckDB, Snowflake),
/// and one reader each for the ADO.NET ones, so the adapters cannot drift apart on a column.
/// </summary>
public static class AuditRows
{
    public const string LedgerSelect = """
        select load_id, bucket, object_key, version_token, table_name, drop_id, part, rows_loaded, size_bytes,
               started_at, loaded_at
        from audit.load_ledger
        """;

    public const string RejectionSelect = """
        select bucket, object_key, version_token, table_name, drop_id, stage, problem_count, first_problem,
               error_report_key, rejected_at
        from audit.file_rejections
        """;

    public const string PublishAttemptSelect = "select drop_id, execution_name, kind, recorded_at from audit.publish_attempts";

    public static async Task<IReadOnlyList<PublishAttemptEvent>> ReadPublishAttemptsAsync(DbCommand command, CancellationToken ct)
    {
        var result = new List<PublishAttemptEvent>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            result.Add(new PublishAttemptEvent(reader.GetString(0), reader.GetString(1), reader.GetString(2), Instant(reader.GetValue(3))!.Value));
        return result;
    }

    public static async Task<IReadOnlyList<LedgerEntry>> ReadLedgerAsync(DbCommand command, CancellationToken ct)
    {
        var result = new List<LedgerEntry>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add(new LedgerEntry(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetInt32(6), reader.GetInt64(7),
                reader.GetInt64(8), Instant(reader.GetValue(9))!.Value, Instant(reader.GetValue(10))!.Value));
        }

        return result;
    }

    public static async Task<IReadOnlyList<Rejection>> ReadRejectionsAsync(DbCommand command, CancellationToken ct)
    {
        var result = new List<Rejection>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result.Add(new Rejection(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetString(5), reader.GetInt64(6), reader.GetString(7), reader.GetString(8),
                Instant(reader.GetValue(9))!.Value));
        }

        return result;
    }

    /// <summary>A timestamptz as a provider answers it (Npgsql and DuckDB give a DateTime in UTC), as an instant; null for NULL.</summary>
    public static DateTimeOffset? Instant(object? value) => value switch
    {
        DateTime at => new DateTimeOffset(DateTime.SpecifyKind(at.Kind == DateTimeKind.Local ? at.ToUniversalTime() : at, DateTimeKind.Utc)),
        DateTimeOffset at => at.ToUniversalTime(),
        _ => null,
    };
}
