using HealthDw.Core.Ports;

namespace HealthDw.Hosting;

/// <summary>What a warehouse switch may need from the rest of the host: the store (Snowflake reads the files from the bucket's
/// stage), the clock, the secrets (Snowflake's key) and the HTTP client (the SQL API).</summary>
public sealed record WarehouseContext(IObjectStore Store, IClock Clock, ISecrets Secrets, Func<HttpClient> Http);
