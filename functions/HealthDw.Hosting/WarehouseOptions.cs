namespace HealthDw.Hosting;

/// <summary>Which warehouse the pipeline loads into and publishes in. Each switch builds its own adapters and nothing else;
/// the embedded DuckDB's switch lives in HealthDw.Hosting.DuckDb, so a host that does not reference it (the Lambda) does not
/// carry DuckDB's native library.</summary>
public abstract record WarehouseOptions
{
    /// <summary>The warehouse's adapters, opened; the caller owns <see cref="WarehouseAdapters.Owned"/>.</summary>
    public abstract Task<WarehouseAdapters> OpenAsync(WarehouseContext context, CancellationToken ct);
}
