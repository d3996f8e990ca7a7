using HealthDw.Functions.Runtime;
using HealthDw.Hosting.Snowflake;
using HealthDw.Warehouse.Snowflake;

namespace HealthDw.Hosting;

/// <summary>
/// Snowflake through the SQL API v2, with the key pair from Secrets Manager, connected on first use (the extension answers
/// only during an invocation). The files reach Snowflake through the external stage, never through this process; schema
/// changes belong to the deployment (warehouse/snowflake/setup.sql).
/// </summary>
/// <param name="Environment">Where the <c>HEALTHDW_SNOWFLAKE_*</c> settings are read, on first use.</param>
public sealed record SnowflakeWarehouseOptions(IEnvironmentVariables Environment) : WarehouseOptions
{
    public override Task<WarehouseAdapters> OpenAsync(WarehouseContext context, CancellationToken ct)
    {
        var snowflake = new DeferredSnowflake(Environment, context.Http(), context.Secrets, context.Store, context.Clock);
        return Task.FromResult(new WarehouseAdapters(snowflake.Warehouse, snowflake.Sql, new SnowflakeDialect(), snowflake.History, snowflake.Alerts,
            NothingOwned.Instance, snowflake.Loader, snowflake.Statements));
    }

    /// <summary>The SQL API holds no connection to close.</summary>
    private sealed class NothingOwned : IAsyncDisposable
    {
        public static readonly NothingOwned Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
