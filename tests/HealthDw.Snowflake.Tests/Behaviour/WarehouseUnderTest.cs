using HealthDw.Core.Loading;
using HealthDw.Core.Ports;
using HealthDw.Core.Publishing;
using HealthDw.Core.Sql;

namespace HealthDw.Snowflake.Tests.Behaviour;

/// <summary>What one warehouse fixture provides to the shared suite (<see cref="WarehouseBehaviour"/>): the ports over
/// one empty warehouse, and the bucket the loader reads from. <paramref name="Owned"/> (a connection pool, an emulator)
/// is disposed with it. <paramref name="Statements"/>: the warehouse's asynchronous statements (the publish phases);
/// none runs <see cref="Sql"/> in the background, as the local tool does.</summary>
public sealed record WarehouseUnderTest(
    IWarehouse Warehouse, IFileLoader Loader, ICheckHistory CheckHistory, IAlertWindow AlertWindow,
    ISqlRunner Sql, ISqlDialect Dialect, IObjectStore Store, IAsyncDisposable? Owned = null, IStatementRunner? Statements = null) : IAsyncDisposable
{
    public IStatementRunner AsyncStatements => Statements ?? new BackgroundStatementRunner(Sql);

    public async ValueTask DisposeAsync()
    {
        if (Owned is not null) await Owned.DisposeAsync();
    }
}
