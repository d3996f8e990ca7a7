using HealthDw.Core.Loading;
using HealthDw.Core.Ports;
using HealthDw.Core.Sql;

namespace HealthDw.Snowflake.Tests.Behaviour;

/// <summary>What one warehouse fixture provides to the shared suite (<see cref="WarehouseBehaviour"/>): the ports over
/// one empty warehouse, and the bucket the loader reads from. <paramref name="Owned"/> (a connection pool, an emulator)
/// is disposed with it.</summary>
public sealed record WarehouseUnderTest(
    IWarehouse Warehouse, IFileLoader Loader, ICheckHistory CheckHistory, IAlertWindow AlertWindow,
    ISqlRunner Sql, ISqlDialect Dialect, IObjectStore Store, IAsyncDisposable? Owned = null) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        if (Owned is not null) await Owned.DisposeAsync();
    }
}
