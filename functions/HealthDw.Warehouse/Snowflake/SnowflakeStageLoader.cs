using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using HealthDw.Core.Configuration;
using HealthDw.Core.Csv;
using HealthDw.Core.Loading;
using HealthDw.Core.Ports;
using HealthDw.Core.Validation;
using HealthDw.Warehouse.Snowflake.Copy;

namespace HealthDw.Warehouse.Snowflake;

/// <summary>
/// The Load step on Snowflake: Snowflake loads the file from the bucket through the external stage; this process reads
/// it only to check it (when given the bucket). Exactly once per file version, whole or not at all:
/// <list type="number">
/// <item>A version already in the ledger (bucket, key, version token) is <see cref="LoadStatus.AlreadyLoaded"/>.</item>
/// <item>With the bucket at hand (as on Lambda), the whole file is first read against the contract with the local
/// loader's rules (<see cref="CheckedRows"/>): a bad row is refused as locally, with its physical line and column, and
/// no COPY runs. Snowflake's COPY must then load exactly the rows that were checked, or nothing is kept.</item>
/// <item>The file is COPYed into a per-load TRANSIENT table <c>staging._load_&lt;load id&gt;</c> created LIKE the staging
/// table (<see cref="CopyStatement"/>): CSV options equivalent to the local rules, <c>ON_ERROR = ABORT_STATEMENT</c>, and
/// <c>FORCE = TRUE</c>, because the ledger, not Snowflake's load metadata, decides what was loaded. The first bad row
/// fails the COPY; its rule, line and column (never its value) become the <see cref="FileProblem"/>.</item>
/// <item>The header was checked by the Validate step; the COPY skips it.</item>
/// <item>Empty cells in non-null columns, duplicate primary keys and references (once the referenced table has a file of
/// the same drop loaded, as in <see cref="StagingLoader"/>) are found with one query on the per-load table.</item>
/// <item>One request then runs <c>BEGIN; MERGE</c> the ledger row<c>; INSERT</c> the rows into staging<c>; COMMIT</c>, and
/// drops the per-load table. A crash before the COMMIT leaves nothing in staging; a per-load table left behind is
/// harmless and <see cref="SweepLeftoversAsync"/> drops it.</item>
/// </list>
/// Snowflake does not enforce UNIQUE, so the ledger row is claimed with a MERGE after the commit has taken the lock of
/// <c>audit.write_lock</c> (see <see cref="SnowflakeLoadCommit"/>), and the staging INSERT only happens if this load's ledger
/// row is there and its rows are not: two loads of one version at once, or a commit request sent twice, load the rows once.
/// <para>A long COPY need not hold a Lambda: <see cref="StartAsync"/> returns a <see cref="SnowflakeLoadHandle"/> while the
/// COPY runs, and <see cref="ResumeAsync"/> finishes the load once it is done; <see cref="LoadAsync"/> does both, polling.</para>
/// <para><c>_source_line</c> is <c>METADATA$FILE_ROW_NUMBER + 1</c>: the record's number plus the header line. It is the
/// physical line as long as no earlier quoted value holds a line break; after such a value the two differ (the local loader
/// counts physical lines). Problems from a failed COPY carry Snowflake's own physical line.</para>
/// </summary>
public sealed class SnowflakeStageLoader : IResumableFileLoader
{
    private readonly SnowflakeSqlClient _client;
    private readonly IWarehouse _warehouse;
    private readonly SnowflakeStageOptions _options;
    private readonly IClock _clock;
    private readonly IDelay _delay;
    private readonly IObjectStore? _store;

    /// <param name="store">The bucket, as the Load step sees it. The loader first reads the whole file against the contract,
    /// with the local loader's rules (<see cref="CheckedRows"/>): a bad row is refused with the same problem as locally,
    /// before any COPY, and the COPY must then load exactly the rows checked. This catches what a COPY with a transformation
    /// lets through (a row with too few or too many fields). Required unless <see cref="SnowflakeStageOptions.CheckFilesFirst"/>
    /// is off (and then needed only for contracts with <c>extra_columns: ignore</c>).</param>
    public SnowflakeStageLoader(
        SnowflakeSqlClient client, IWarehouse warehouse, SnowflakeStageOptions options, IClock clock, IDelay delay, IObjectStore? store = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(warehouse);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(delay);
        _ = SnowflakeStageName.Parse(options.Stage); // a stage that is not @[database.]schema.stage fails at set-up
        if (options.CheckFilesFirst && store is null)
            throw new ArgumentException(
                "the loader reads each file against its contract before the COPY, so it needs the bucket: give it the object store "
                + $"(or set {nameof(SnowflakeStageOptions.CheckFilesFirst)} = false, and rows with a wrong field count may load)", nameof(store));
        _client = client;
        _warehouse = warehouse;
        _options = options;
        _clock = clock;
        _delay = delay;
        _store = store;
    }

    public async Task<LoadOutcome> LoadAsync(RoutedFile file, TableContract contract, IProgress<FileLoadProgress>? progress, CancellationToken ct)
    {
        var step = await StartAsync(file, contract, ct);
        var wait = _options.PollInitialDelay;
        while (step.Handle is { } handle)
        {
            await _delay.DelayAsync(wait, ct);
            wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, _options.PollMaxDelay.Ticks));
            step = await ResumeAsync(handle, file, contract, ct);
        }

        var outcome = step.Outcome!;
        if (outcome.Status == LoadStatus.Loaded)
            progress?.Report(new FileLoadProgress(outcome.Rows, file.Object.Size));
        return outcome;
    }

    /// <summary>Checks the ledger, creates the per-load table and submits the COPY. Finished when the version was loaded
    /// before or the COPY ended at once (loaded or refused); otherwise the COPY's handle to resume with.</summary>
    public async Task<SnowflakeLoadStep> StartAsync(RoutedFile file, TableContract contract, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(contract);
        var startedAt = _clock.Now;
        if (await _warehouse.FindLoadAsync(file.Object, ct) is { } done)
            return SnowflakeLoadStep.Finished(AlreadyLoaded(done, startedAt));

        var fieldMap = await FieldMapAsync(file, contract, ct);
        var loadId = _clock.NewId();
        var pending = new SnowflakeLoadHandle(loadId, "", startedAt);
        if (_options.CheckFilesFirst && _store is not null)
        {
            var problems = new ProblemLog();
            long rows;
            // Snowflake decompresses the file itself (the COPY names its compression); the check reads the same text.
            await using (var stored = await _store.OpenReadAsync(file.Object, ct))
            await using (var content = CompressedFile.Open(stored, CompressedFile.Of(file.Object.Key)))
                rows = await Task.Run(() => CheckedRows.CheckAll(content, contract, problems, ct), ct);
            if (problems.Any)
                return SnowflakeLoadStep.Finished(Rejected(pending, rows, problems));
            pending = pending with { CheckedRows = rows };
        }

        await EnsureCurrentAsync(file, "before the COPY", ct);
        await _client.ExecuteAsync(new SnowflakeStatement(
            $"create transient table if not exists {LoadTable(loadId)} like {SnowflakeSchema.Table(contract)}"), ct);

        SnowflakeStatementStatus status;
        try
        {
            status = await _client.SubmitAsync(new SnowflakeStatement(CopyStatement(file, contract, loadId, startedAt, fieldMap))
            {
                RequestId = RequestId(loadId, "copy"),
                Timeout = _options.CopyTimeout,
            }, ct);
        }
        catch (SnowflakeSqlException failure) when (CopyResultMapper.FromFailure(failure) is { } stopped)
        {
            return SnowflakeLoadStep.Finished(await RefusedByCopyAsync(stopped, pending, contract, fieldMap, ct));
        }

        var handle = pending with { StatementHandle = status.StatementHandle };
        return status.Result is { } result
            ? SnowflakeLoadStep.Finished(await FinishAsync(handle, file, contract, result, fieldMap, ct))
            : SnowflakeLoadStep.Running(handle);
    }

    /// <summary>Checks the COPY once: still running (the same handle back), or finishes the load (checks, then the commit).
    /// Safe to call again for a load that finished: the ledger then answers (Loaded for this load, else AlreadyLoaded).</summary>
    public async Task<SnowflakeLoadStep> ResumeAsync(SnowflakeLoadHandle handle, RoutedFile file, TableContract contract, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(handle);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(contract);
        var fieldMap = await FieldMapAsync(file, contract, ct);
        SnowflakeStatementStatus status;
        try
        {
            status = await _client.GetStatusAsync(handle.StatementHandle, ct);
        }
        catch (SnowflakeSqlException failure) when (CopyResultMapper.FromFailure(failure) is { } stopped)
        {
            return SnowflakeLoadStep.Finished(await RefusedByCopyAsync(stopped, handle, contract, fieldMap, ct));
        }

        if (status.Result is not { } result)
            return SnowflakeLoadStep.Running(handle);

        // A retried task may resume a load whose commit already went through (its answer was lost), or that another
        // load of the same version beat: the ledger says so, and the per-load table is gone.
        if (await _warehouse.FindLoadAsync(file.Object, ct) is { } entry)
        {
            if (entry.LoadId == handle.LoadId)
                return SnowflakeLoadStep.Finished(
                    new LoadOutcome(LoadStatus.Loaded, entry.LoadId, entry.Rows, file.Object.Size, Elapsed(handle.StartedAt), 0, [], []));
            await DropLoadTableAsync(handle.LoadId, ct); // this load lost the version to another: its copy is not needed
            return SnowflakeLoadStep.Finished(AlreadyLoaded(entry, handle.StartedAt));
        }

        return SnowflakeLoadStep.Finished(await FinishAsync(handle, file, contract, result, fieldMap, ct));
    }

    /// <summary>The per-load table of a load.</summary>
    public static string LoadTable(Guid loadId) => "staging._load_" + loadId.ToString("N", CultureInfo.InvariantCulture);

    /// <summary>
    /// The exact COPY the loader sends for a file: the contract's columns from the file's fields (in order, or through
    /// <paramref name="fieldMap"/>: contract column → 0-based file field), then the row metadata.
    /// </summary>
    public string CopyStatement(RoutedFile file, TableContract contract, Guid loadId, DateTimeOffset startedAt, IReadOnlyList<int>? fieldMap = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(contract);
        return SnowflakeCopyStatement.Build(file, contract, loadId, startedAt, _options, fieldMap);
    }

    /// <summary>Drops per-load tables left by loads that crashed (older than <see cref="SnowflakeStageOptions.LeftoverAge"/>).</summary>
    /// <returns>How many were dropped.</returns>
    public async Task<int> SweepLeftoversAsync(CancellationToken ct)
    {
        var cutoff = _clock.Now - _options.LeftoverAge;
        var result = await _client.ExecuteAsync(new SnowflakeStatement($"""
            select table_name from information_schema.tables
            where table_schema = 'STAGING' and startswith(table_name, '_LOAD_') and is_transient = 'YES'
              and created < {SnowflakeSql.TimestampLtz(cutoff)}
            order by table_name
            """), ct);
        var drops = result.Rows
            .Select(r => r[0])
            .OfType<string>()
            .Where(SnowflakeSql.IsIdentifier)
            .Select(name => $"drop table if exists staging.{name.ToLowerInvariant()}")
            .ToList();
        if (drops.Count > 0)
            await _client.ExecuteAsync(new SnowflakeStatement(SnowflakeSql.Join(drops)) { StatementCount = drops.Count }, ct);
        return drops.Count;
    }

    private async Task<LoadOutcome> FinishAsync(
        SnowflakeLoadHandle handle, RoutedFile file, TableContract contract, SnowflakeResult copyResult, IReadOnlyList<int>? fieldMap,
        CancellationToken ct)
    {
        var files = CopyResultMapper.FromResult(copyResult);
        if (files.Count == 0)
        {
            await DropLoadTableAsync(handle.LoadId, ct);
            throw new InvalidOperationException(
                $"The COPY of {file.Object.Key} reported no file loaded from {_options.Stage}: check that the stage's URL is the bucket's root " +
                "and that the storage integration may read the key.");
        }

        if (files.FirstOrDefault(f => !f.IsLoaded) is { } failed)
            return await RefusedByCopyAsync(failed, handle, contract, fieldMap, ct);

        var rows = files.Sum(f => f.RowsLoaded);
        var problems = new ProblemLog();
        if (handle.CheckedRows is { } expected && expected != rows)
        {
            problems.Add(new FileProblem(Rules.StepFailed, 0, null, null,
                $"Snowflake's COPY read {rows} rows where the contract check read {expected}; nothing was loaded",
                "Snowflake's file format reads this file differently from the contract: send the error report to the pipeline's owners"));
            await DropLoadTableAsync(handle.LoadId, ct);
            return Rejected(handle, rows, problems);
        }

        if (rows == 0 && !contract.AllowEmpty)
        {
            problems.Add(new FileProblem(Rules.NoRows, 2, null, null, "the file has a header but no rows",
                $"send at least one row, or set allow_empty: true in {contract.SourceFile}"));
            await DropLoadTableAsync(handle.LoadId, ct);
            return Rejected(handle, rows, problems);
        }

        var deferred = await CheckRowsAsync(handle.LoadId, file, contract, fieldMap, problems, ct);
        if (problems.Any)
        {
            await DropLoadTableAsync(handle.LoadId, ct);
            return Rejected(handle, rows, problems);
        }

        try
        {
            await EnsureCurrentAsync(file, "after the COPY", ct);
        }
        catch (ObjectVersionGoneException)
        {
            await DropLoadTableAsync(handle.LoadId, ct);
            throw;
        }

        return await CommitAsync(handle, file, contract, rows, deferred, ct);
    }

    /// <summary>
    /// Snowflake's COPY from an external stage reads the key's current version: COPY INTO has no option that names an S3
    /// VersionId. So the version the ledger names must be the key's current one before the COPY and still after it;
    /// otherwise the COPY may have read newer content, and the load is refused before its commit. What remains: a newer
    /// version written and deleted again while the COPY ran (so the named one is current at both looks) goes unseen;
    /// the row count checked against the named version (<see cref="SnowflakeStageOptions.CheckFilesFirst"/>) narrows that.
    /// </summary>
    private async Task EnsureCurrentAsync(RoutedFile file, string when, CancellationToken ct)
    {
        if (_store is null)
            return; // no bucket at hand (CheckFilesFirst off and no ignored extra columns): nothing to look with
        var current = await _store.HeadAsync(file.Object.Key, ct);
        if (current is null || !string.Equals(current.StoredToken, file.Object.StoredToken, StringComparison.Ordinal))
            throw new ObjectVersionGoneException(file.Object,
                $"{when}, the key's current version is {current?.StoredToken ?? "none"}, and Snowflake's COPY reads only the current version");
    }

    /// <returns>The references that wait for the drop because their table has no file of it loaded yet.</returns>
    private async Task<IReadOnlyList<string>> CheckRowsAsync(
        Guid loadId, RoutedFile file, TableContract contract, IReadOnlyList<int>? fieldMap, ProblemLog problems, CancellationToken ct)
    {
        var referencing = contract.Columns.Where(c => c.References is not null).ToList();
        var loaded = await LoadedTablesAsync(file.DropId.Value, referencing.Select(c => c.References!.Table).Distinct().ToList(), ct);
        var deferred = referencing.Where(c => !loaded.Contains(c.References!.Table)).Select(c => $"{c.Name} -> {c.References}").ToList();
        var query = SnowflakeRowChecks.Query(contract, LoadTable(loadId), referencing.Where(c => loaded.Contains(c.References!.Table)).ToList());
        if (query is not null)
        {
            var rows = SnowflakeValueConverter.Rows(await _client.ExecuteAsync(new SnowflakeStatement(query), ct));
            SnowflakeRowChecks.AddProblems(rows, contract, column => FieldOf(contract, column, fieldMap), problems);
        }

        return deferred;
    }

    private async Task<HashSet<string>> LoadedTablesAsync(string dropId, IReadOnlyList<string> tables, CancellationToken ct)
    {
        if (tables.Count == 0)
            return [];
        var result = await _client.ExecuteAsync(new SnowflakeStatement(
            "select distinct table_name from audit.load_ledger where drop_id = ? and loaded_at is not null and table_name in ("
            + string.Join(", ", tables.Select(_ => "?")) + ")")
        {
            Bindings = [SnowflakeBinding.Text(dropId), .. tables.Select(SnowflakeBinding.Text)],
        }, ct);
        return result.Rows.Select(r => r[0]).OfType<string>().ToHashSet(StringComparer.Ordinal);
    }

    private async Task<LoadOutcome> CommitAsync(
        SnowflakeLoadHandle handle, RoutedFile file, TableContract contract, long rows, IReadOnlyList<string> deferred, CancellationToken ct)
    {
        var statements = SnowflakeLoadCommit.Statements(handle, file, contract, rows);
        var result = await _client.ExecuteAsync(new SnowflakeStatement(SnowflakeSql.Join(statements))
        {
            StatementCount = statements.Count,
            RequestId = RequestId(handle.LoadId, "commit"),
        }, ct);

        // The MERGE inserts nothing when another load holds the version already.
        if (result.Statements.Count > SnowflakeLoadCommit.MergeIndex
            && SnowflakeLoadCommit.Inserted(result.Statements[SnowflakeLoadCommit.MergeIndex]) == 0)
        {
            return await _warehouse.FindLoadAsync(file.Object, ct) is { } winner
                ? AlreadyLoaded(winner, handle.StartedAt)
                : throw new InvalidOperationException("the ledger refused the load but holds no row for the file");
        }

        return new LoadOutcome(LoadStatus.Loaded, handle.LoadId, rows, file.Object.Size, Elapsed(handle.StartedAt), 0, [], deferred);
    }

    private async Task<LoadOutcome> RefusedByCopyAsync(
        CopyFileResult stopped, SnowflakeLoadHandle handle, TableContract contract, IReadOnlyList<int>? fieldMap, CancellationToken ct)
    {
        var problem = SnowflakeCopyProblems.From(stopped, contract);
        if (problem.ColumnName is { } name && contract.Find(name) is { } column)
            problem = problem with { Column = FieldOf(contract, column, fieldMap) };
        var problems = new ProblemLog();
        problems.Add(problem);
        await DropLoadTableAsync(handle.LoadId, ct);
        return Rejected(handle, stopped.RowsParsed ?? 0, problems);
    }

    /// <summary>Best effort: a per-load table that cannot be dropped now is harmless, and the sweep drops it later.</summary>
    private async Task DropLoadTableAsync(Guid loadId, CancellationToken ct)
    {
        try
        {
            await _client.ExecuteAsync(new SnowflakeStatement($"drop table if exists {LoadTable(loadId)}"), ct);
        }
        catch (Exception e) when (e is SnowflakeSqlException or SnowflakeTransientException or SnowflakeRequestException)
        {
            // Left for SweepLeftoversAsync; the load's outcome does not depend on it.
        }
    }

    /// <summary>For a contract that ignores extra columns, where each contract column is in this file; else null (in order).</summary>
    private async Task<IReadOnlyList<int>?> FieldMapAsync(RoutedFile file, TableContract contract, CancellationToken ct)
    {
        if (contract.ExtraColumns != ExtraColumns.Ignore)
            return null;
        if (_store is null)
            throw new NotSupportedException(
                $"{contract.SourceFile} ignores extra columns, so the loader must read the file's header to map its fields: " +
                "give the SnowflakeStageLoader the object store.");
        var stored = await _store.ReadPrefixAsync(file.Object, PrefixCheck.PrefixBytes, ct);
        var prefix = CompressedFile.PrefixText(stored, CompressedFile.Of(file.Object.Key), stored.Length >= file.Object.Size, out _, out _);
        using var csv = new CsvReader(new MemoryStream(prefix));
        var problems = new ProblemLog();
        return csv.Read() == CsvReadStatus.Record && HeaderCheck.Check(contract, csv, problems) is { } map
            ? map
            : throw new InvalidOperationException($"the header of {file.Object.Key} does not match {contract.SourceFile}, though the Validate step passed it");
    }

    private static int FieldOf(TableContract contract, ColumnSpec column, IReadOnlyList<int>? fieldMap)
    {
        var j = contract.Columns.ToList().IndexOf(column);
        return (fieldMap?[j] ?? j) + 1;
    }

    /// <summary>A request id derived from the load: a resubmitted request (a lost response, a retried task) is the same
    /// request to Snowflake, which then does not run it twice.</summary>
    private static Guid RequestId(Guid loadId, string purpose)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(loadId.ToString("N", CultureInfo.InvariantCulture) + ":" + purpose), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // version 8: application-defined
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(hash[..16], bigEndian: true);
    }

    private TimeSpan Elapsed(DateTimeOffset startedAt)
    {
        var elapsed = _clock.Now - startedAt;
        return elapsed < TimeSpan.Zero ? TimeSpan.Zero : elapsed;
    }

    private LoadOutcome AlreadyLoaded(LedgerEntry entry, DateTimeOffset startedAt) =>
        new(LoadStatus.AlreadyLoaded, entry.LoadId, entry.Rows, 0, Elapsed(startedAt), 0, [], []);

    private LoadOutcome Rejected(SnowflakeLoadHandle handle, long rows, ProblemLog problems) =>
        new(LoadStatus.Rejected, handle.LoadId, rows, 0, Elapsed(handle.StartedAt), problems.Total, problems.Kept, []);

    async Task<(LoadOutcome? Outcome, LoadHandle? Handle)> IResumableFileLoader.StartAsync(RoutedFile file, TableContract contract, CancellationToken ct) =>
        ToPort(await StartAsync(file, contract, ct));

    async Task<(LoadOutcome? Outcome, LoadHandle? Handle)> IResumableFileLoader.ResumeAsync(LoadHandle handle, RoutedFile file, TableContract contract,
        CancellationToken ct) =>
        ToPort(await ResumeAsync(new SnowflakeLoadHandle(handle.LoadId, handle.StatementHandle, handle.StartedAt, handle.CheckedRows), file, contract, ct));

    private static (LoadOutcome?, LoadHandle?) ToPort(SnowflakeLoadStep step) =>
        (step.Outcome, step.Handle is { } h ? new LoadHandle(h.LoadId, h.StatementHandle, h.StartedAt, h.CheckedRows) : null);
}
