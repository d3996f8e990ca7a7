using HealthDw.Core.Loading;
using HealthDw.Core.Ports;
using HealthDw.Core.Publishing;
using HealthDw.Core.Sql;

namespace HealthDw.Hosting;

/// <summary>One warehouse's adapters, and what to dispose with them.</summary>
/// <param name="Loader">The Load step's loader; null loads through the warehouse's own staging load (<see cref="StagingLoader"/>).</param>
/// <param name="Statements">The publish phases' asynchronous statements; null runs them in the background of this process.</param>
public sealed record WarehouseAdapters(IWarehouse Warehouse, ISqlRunner Sql, ISqlDialect Dialect, ICheckHistory CheckHistory, IAlertWindow AlertWindow,
    IAsyncDisposable Owned, IFileLoader? Loader = null, IStatementRunner? Statements = null);
