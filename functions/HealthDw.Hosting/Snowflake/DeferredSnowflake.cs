using HealthDw.Core.Configuration;
using HealthDw.Core.Drops;
using HealthDw.Core.Loading;
using HealthDw.Core.Ports;
using HealthDw.Core.Publishing;
using HealthDw.Functions.Runtime;
using HealthDw.Hosting.Secrets;
using HealthDw.Warehouse.Snowflake;
using HealthDw.Warehouse.Snowflake.Auth;

namespace HealthDw.Hosting.Snowflake;

/// <summary>
/// The Snowflake adapters, built on first use rather than at INIT: the Parameters and Secrets
/// extension answers only during an invocation, and steps that never touch the warehouse
/// (route-file; validate-file unless its version is gone and the ledger must say whether another execution loaded it)
/// need neither its settings nor its key.
/// <para>A build that succeeded is kept for <see cref="LambdaExtensionSecrets.CacheFor"/> (the secrets' cache TTL), and
/// callers that arrive while it runs share it; after that the next call builds again, reading the key anew, so a rotated
/// key pair reaches a warm environment as soon as the secret does. A build that failed is not kept: the next call builds
/// again. A warm environment whose first build met a passing failure (the extension not ready yet, a Secrets Manager
/// hiccup) thus recovers on its next invocation instead of failing every one after it.</para>
/// </summary>
public sealed class DeferredSnowflake(IEnvironmentVariables env, HttpClient http, ISecrets secrets, IObjectStore store, IClock clock)
{
    private readonly Lock _gate = new();
    private Task<Adapters>? _adapters;
    private DateTimeOffset _builtAt;

    private sealed record Adapters(SnowflakeWarehouse Warehouse, ISqlRunner Sql, SnowflakeStatementRunner Statements, SnowflakeCheckHistory History,
        SnowflakeAlertWindow Alerts, SnowflakeStageLoader Loader);

    private static async Task<Adapters> BuildAsync(IEnvironmentVariables env, HttpClient http, ISecrets secrets, IObjectStore store, IClock clock)
    {
        var settings = SnowflakeSettings.From(env);
        var key = SnowflakeKeyPair.FromPem(await secrets.GetAsync(settings.KeySecretId, CancellationToken.None));
        var client = new SnowflakeSqlClient(http, settings.Options, new SnowflakeJwtIssuer(key, settings.Options.Account, settings.Options.User, clock),
            clock, new TaskDelay());
        var warehouse = new SnowflakeWarehouse(client);
        return new Adapters(warehouse, HealthDwHost.SnowflakeSql(client), new SnowflakeStatementRunner(client), new SnowflakeCheckHistory(client), new SnowflakeAlertWindow(client),
            new SnowflakeStageLoader(client, warehouse, new SnowflakeStageOptions { Stage = settings.Stage }, clock, new TaskDelay(), store));
    }

    /// <summary>The build under way or done; a new one when there is none, the last one failed, or it is older than the
    /// secrets' TTL (a build under way is never replaced).</summary>
    private Task<Adapters> Get()
    {
        lock (_gate)
        {
            var stale = _adapters is { IsCompletedSuccessfully: true } && clock.Now - _builtAt >= LambdaExtensionSecrets.CacheFor;
            if (_adapters is null || _adapters.IsFaulted || _adapters.IsCanceled || stale)
            {
                _builtAt = clock.Now;
                _adapters = BuildAsync(env, http, secrets, store, clock);
            }
            return _adapters;
        }
    }

    public IWarehouse Warehouse => new DeferredWarehouse(this);

    public ISqlRunner Sql => new DeferredSql(this);

    public IStatementRunner Statements => new DeferredStatements(this);

    public ICheckHistory History => new DeferredHistory(this);

    public IAlertWindow Alerts => new DeferredAlerts(this);

    public IResumableFileLoader Loader => new DeferredLoader(this);

    private sealed class DeferredWarehouse(DeferredSnowflake s) : IWarehouse
    {
        public async Task EnsureSchemaAsync(PipelineConfig config, CancellationToken ct) => await (await s.Get()).Warehouse.EnsureSchemaAsync(config, ct);

        public async Task<LedgerEntry?> FindLoadAsync(ObjectRef file, CancellationToken ct) => await (await s.Get()).Warehouse.FindLoadAsync(file, ct);

        public async Task<IStagingLoad?> BeginLoadAsync(LoadRequest request, CancellationToken ct) => await (await s.Get()).Warehouse.BeginLoadAsync(request, ct);

        public async Task RecordRejectionAsync(Rejection rejection, CancellationToken ct) => await (await s.Get()).Warehouse.RecordRejectionAsync(rejection, ct);

        public async Task<IReadOnlyList<LedgerEntry>> RecentLoadsAsync(int limit, CancellationToken ct) => await (await s.Get()).Warehouse.RecentLoadsAsync(limit, ct);

        public async Task<IReadOnlyList<LedgerEntry>> DropLoadsAsync(string dropId, CancellationToken ct) => await (await s.Get()).Warehouse.DropLoadsAsync(dropId, ct);

        public async Task<IReadOnlyList<Rejection>> RecentRejectionsAsync(int limit, CancellationToken ct) =>
            await (await s.Get()).Warehouse.RecentRejectionsAsync(limit, ct);

        public async Task<IReadOnlyList<Rejection>> DropRejectionsAsync(string dropId, CancellationToken ct) =>
            await (await s.Get()).Warehouse.DropRejectionsAsync(dropId, ct);

        public async Task<DateTimeOffset?> LastPublishedAtAsync(string dropId, CancellationToken ct) =>
            await (await s.Get()).Warehouse.LastPublishedAtAsync(dropId, ct);

        public async Task RecordPublishAttemptAsync(string dropId, string executionName, string kind, CancellationToken ct) =>
            await (await s.Get()).Warehouse.RecordPublishAttemptAsync(dropId, executionName, kind, ct);

        public async Task<IReadOnlyList<PublishAttemptEvent>> PublishAttemptsAsync(string dropId, CancellationToken ct) =>
            await (await s.Get()).Warehouse.PublishAttemptsAsync(dropId, ct);

        public async Task<IReadOnlyDictionary<string, long>> StagingRowCountsAsync(PipelineConfig config, CancellationToken ct) =>
            await (await s.Get()).Warehouse.StagingRowCountsAsync(config, ct);
    }

    private sealed class DeferredSql(DeferredSnowflake s) : ISqlRunner
    {
        public async Task ExecuteAsync(IReadOnlyList<string> statements, bool atomic, CancellationToken ct) =>
            await (await s.Get()).Sql.ExecuteAsync(statements, atomic, ct);

        public async Task<IReadOnlyList<object?[]>> QueryAsync(string sql, CancellationToken ct) => await (await s.Get()).Sql.QueryAsync(sql, ct);
    }

    private sealed class DeferredStatements(DeferredSnowflake s) : IStatementRunner
    {
        public async Task<string> SubmitAsync(IReadOnlyList<string> statements, bool atomic, CancellationToken ct) =>
            await (await s.Get()).Statements.SubmitAsync(statements, atomic, ct);

        public async Task<string> SubmitQueryAsync(string sql, CancellationToken ct) => await (await s.Get()).Statements.SubmitQueryAsync(sql, ct);

        public async Task<StatementStatus> StatusAsync(string handle, CancellationToken ct) => await (await s.Get()).Statements.StatusAsync(handle, ct);
    }

    private sealed class DeferredHistory(DeferredSnowflake s) : ICheckHistory
    {
        public async Task RecordAsync(PublishOutcome outcome, DateTimeOffset at, CancellationToken ct) => await (await s.Get()).History.RecordAsync(outcome, at, ct);
    }

    private sealed class DeferredAlerts(DeferredSnowflake s) : IAlertWindow
    {
        public async Task<IReadOnlyList<string>> OfferAsync(string group, string summary, DateTimeOffset now, TimeSpan window, CancellationToken ct) =>
            await (await s.Get()).Alerts.OfferAsync(group, summary, now, window, ct);

        public async Task<IReadOnlyList<string>> DrainAsync(string group, CancellationToken ct) => await (await s.Get()).Alerts.DrainAsync(group, ct);
    }

    private sealed class DeferredLoader(DeferredSnowflake s) : IResumableFileLoader
    {
        public async Task<LoadOutcome> LoadAsync(RoutedFile file, TableContract contract, IProgress<FileLoadProgress>? progress, CancellationToken ct) =>
            await (await s.Get()).Loader.LoadAsync(file, contract, progress, ct);

        public async Task<(LoadOutcome? Outcome, LoadHandle? Handle)> StartAsync(RoutedFile file, TableContract contract, CancellationToken ct) =>
            await ((IResumableFileLoader)(await s.Get()).Loader).StartAsync(file, contract, ct);

        public async Task<(LoadOutcome? Outcome, LoadHandle? Handle)> ResumeAsync(LoadHandle handle, RoutedFile file, TableContract contract, CancellationToken ct) =>
            await ((IResumableFileLoader)(await s.Get()).Loader).ResumeAsync(handle, file, contract, ct);
    }
}
