using System.Globalization;
using HealthDw.Core.Configuration;
using HealthDw.Core.Drops;
using HealthDw.Core.Ports;
using HealthDw.Core.Schema;

namespace HealthDw.Warehouse.Snowflake;

/// <summary>
/// The warehouse port on Snowflake, through the SQL API: the same schemas, ledger and audit tables as
/// <see cref="Postgres.PostgresWarehouse"/>. Reads bind their values (<c>?</c> placeholders); the ledger is written by
/// <see cref="SnowflakeStageLoader"/> in the load's own transaction. <see cref="BeginLoadAsync"/> is the one method not
/// offered: a Snowflake load is a COPY from the external stage, not rows streamed through this process.
/// </summary>
public sealed class SnowflakeWarehouse(SnowflakeSqlClient client) : IWarehouse
{
    /// <summary>One multi-statement request. <c>IF NOT EXISTS</c> everywhere, so concurrent first runs agree; DDL is not
    /// transactional in Snowflake, so there is no transaction to hold. The staging columns are read first: a contract type
    /// change Snowflake can make in place (a longer VARCHAR, a larger NUMBER precision) is applied with the rest; any other
    /// is a configuration error, raised before anything is sent.</summary>
    public async Task EnsureSchemaAsync(PipelineConfig config, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(config);
        var widenings = StagingSchemaPlan.Widenings(config, await StagingColumnsAsync(ct), AlterLimits.Snowflake);
        IReadOnlyList<string> statements = [.. SnowflakeSchema.All(config), .. widenings.Select(SnowflakeSchema.Widen)];
        await client.ExecuteAsync(new SnowflakeStatement(SnowflakeSql.Join(statements)) { StatementCount = statements.Count }, ct);
    }

    public async Task<LedgerEntry?> FindLoadAsync(ObjectRef file, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        var rows = await QueryAsync(
            AuditRows.LedgerSelect + "\nwhere bucket = ? and object_key = ? and version_token = ? and loaded_at is not null",
            [SnowflakeBinding.Text(file.Bucket), SnowflakeBinding.Text(file.Key), SnowflakeBinding.Text(file.VersionToken)], ct);
        return rows.Select(Ledger).FirstOrDefault();
    }

    public Task<IStagingLoad?> BeginLoadAsync(LoadRequest request, CancellationToken ct) =>
        throw new NotSupportedException(
            "Snowflake loads a file with COPY from the external stage, not rows streamed through this process: " +
            $"use {nameof(SnowflakeStageLoader)} as the Load step's {nameof(Core.Loading.IFileLoader)} on Snowflake.");

    public async Task RecordRejectionAsync(Rejection rejection, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        await client.ExecuteAsync(new SnowflakeStatement("""
            insert into audit.file_rejections (bucket, object_key, version_token, table_name, drop_id, stage, problem_count,
                                               first_problem, error_report_key, rejected_at)
            select ?, ?, ?, ?, ?, ?, ?, ?, ?, to_timestamp_ltz(?, 3)
            """)
        {
            Bindings =
            [
                SnowflakeBinding.Text(rejection.Bucket), SnowflakeBinding.Text(rejection.Key), SnowflakeBinding.Text(rejection.VersionToken),
                SnowflakeBinding.Text(rejection.Table), SnowflakeBinding.Text(rejection.DropId), SnowflakeBinding.Text(rejection.Stage),
                SnowflakeBinding.Fixed(rejection.ProblemCount), SnowflakeBinding.Text(rejection.FirstProblem),
                SnowflakeBinding.Text(rejection.ErrorReportKey), SnowflakeBinding.Fixed(rejection.RejectedAt.ToUnixTimeMilliseconds()),
            ],
        }, ct);
    }

    public async Task<IReadOnlyList<LedgerEntry>> RecentLoadsAsync(int limit, CancellationToken ct) =>
        (await QueryAsync(AuditRows.LedgerSelect + $"\nwhere loaded_at is not null order by loaded_at desc limit {Limit(limit)}", [], ct))
        .Select(Ledger).ToList();

    public async Task<IReadOnlyList<LedgerEntry>> DropLoadsAsync(string dropId, CancellationToken ct) =>
        (await QueryAsync(AuditRows.LedgerSelect + "\nwhere drop_id = ? and loaded_at is not null order by loaded_at",
            [SnowflakeBinding.Text(dropId)], ct))
        .Select(Ledger).ToList();

    public async Task<IReadOnlyList<Rejection>> RecentRejectionsAsync(int limit, CancellationToken ct) =>
        (await QueryAsync(AuditRows.RejectionSelect + $"\norder by rejection_id desc limit {Limit(limit)}", [], ct))
        .Select(RejectionOf).ToList();

    public async Task<IReadOnlyList<Rejection>> DropRejectionsAsync(string dropId, CancellationToken ct) =>
        (await QueryAsync(AuditRows.RejectionSelect + "\nwhere drop_id = ? order by rejection_id", [SnowflakeBinding.Text(dropId)], ct))
        .Select(RejectionOf).ToList();

    public async Task<IReadOnlyDictionary<string, long>> StagingRowCountsAsync(PipelineConfig config, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(config);
        var tables = config.Contracts.Values.OrderBy(c => c.Table, StringComparer.Ordinal).ToList();
        var counts = new Dictionary<string, long>();
        if (tables.Count == 0)
            return counts;
        var sql = string.Join("\nunion all ", tables.Select(t => $"select {SnowflakeSql.Literal(t.Table)}, count(*) from {SnowflakeSchema.Table(t)}"));
        foreach (var row in await QueryAsync(sql, [], ct))
            counts[(string)row[0]!] = System.Convert.ToInt64(row[1], CultureInfo.InvariantCulture);
        return counts;
    }

    public async Task<DateTimeOffset?> LastPublishedAtAsync(string dropId, CancellationToken ct)
    {
        var rows = await QueryAsync("select max(decided_at) from audit.drop_publications where drop_id = ? and published",
            [SnowflakeBinding.Text(dropId)], ct);
        return rows.Count == 0 || rows[0][0] is null ? null : Instant(rows[0][0]);
    }

    public async Task RecordPublishAttemptAsync(string dropId, string executionName, string kind, CancellationToken ct) =>
        await client.ExecuteAsync(new SnowflakeStatement(
            "insert into audit.publish_attempts (drop_id, execution_name, kind, recorded_at) select ?, ?, ?, current_timestamp()")
        {
            Bindings = [SnowflakeBinding.Text(dropId), SnowflakeBinding.Text(executionName), SnowflakeBinding.Text(kind)],
        }, ct);

    public async Task<IReadOnlyList<PublishAttemptEvent>> PublishAttemptsAsync(string dropId, CancellationToken ct) =>
        (await QueryAsync(AuditRows.PublishAttemptSelect + " where drop_id = ? order by recorded_at", [SnowflakeBinding.Text(dropId)], ct))
        .Select(r => new PublishAttemptEvent((string)r[0]!, (string)r[1]!, (string)r[2]!, Instant(r[3]))).ToList();

    private async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, ColumnType>>> StagingColumnsAsync(CancellationToken ct)
    {
        var rows = await QueryAsync("""
            select lower(table_name), lower(column_name), data_type, character_maximum_length, numeric_precision, numeric_scale
            from information_schema.columns where table_schema = 'STAGING'
            """, [], ct);
        int? Number(object? value) => value is null ? null : System.Convert.ToInt32(value, CultureInfo.InvariantCulture);
        return rows
            .Select(r => (Table: (string)r[0]!, Column: (string)r[1]!, Type: SnowflakeSchema.ContractType((string)r[2]!, Number(r[3]), Number(r[4]), Number(r[5]))))
            .Where(c => c.Type is not null)
            .GroupBy(c => c.Table, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, ColumnType>)g.ToDictionary(c => c.Column, c => c.Type!, StringComparer.Ordinal),
                StringComparer.Ordinal);
    }

    private async Task<IReadOnlyList<object?[]>> QueryAsync(string sql, IReadOnlyList<SnowflakeBinding> bindings, CancellationToken ct) =>
        SnowflakeValueConverter.Rows(await client.ExecuteAsync(new SnowflakeStatement(sql) { Bindings = bindings }, ct));

    private static string Limit(int limit) =>
        limit > 0 ? limit.ToString(CultureInfo.InvariantCulture) : throw new ArgumentOutOfRangeException(nameof(limit), "a limit is a positive number");

    private static LedgerEntry Ledger(object?[] row) => new(
        Guid.Parse((string)row[0]!), (string)row[1]!, (string)row[2]!, (string)row[3]!, (string)row[4]!, (string)row[5]!,
        row[6] is null ? null : System.Convert.ToInt32(row[6], CultureInfo.InvariantCulture),
        System.Convert.ToInt64(row[7], CultureInfo.InvariantCulture), System.Convert.ToInt64(row[8], CultureInfo.InvariantCulture),
        Instant(row[9]), Instant(row[10]));

    private static Rejection RejectionOf(object?[] row) => new(
        (string)row[0]!, (string)row[1]!, (string)row[2]!, (string?)row[3], (string?)row[4], (string)row[5]!,
        System.Convert.ToInt64(row[6], CultureInfo.InvariantCulture), (string)row[7]!, (string)row[8]!, Instant(row[9]));

    internal static DateTimeOffset Instant(object? value) => value switch
    {
        DateTimeOffset at => at,
        DateTime at => new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)),
        _ => throw new InvalidOperationException("the warehouse returned no timestamp where the ledger always has one"),
    };
}
