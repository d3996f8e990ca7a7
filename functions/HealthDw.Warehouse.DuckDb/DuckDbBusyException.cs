namespace HealthDw.Warehouse.DuckDb;

/// <summary>The warehouse file stayed held by another process (DuckDB: one process at a time) for as long as this one
/// would wait. The message names the file and the process holding it, and what to do.</summary>
public sealed class DuckDbBusyException(string path, string holder, TimeSpan waited) : Exception(
    $"the warehouse {path} is in use by {holder} (DuckDB lets one process at a time open it); waited {waited.TotalSeconds:0} s. "
    + "Run this again when that command is idle or has ended, or use a shared PostgreSQL server (HEALTHDW_WAREHOUSE=<connection string>)")
{
    public string Holder { get; } = holder;
}
