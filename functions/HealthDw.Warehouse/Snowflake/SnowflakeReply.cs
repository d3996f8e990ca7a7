using System.Text.Json;

namespace HealthDw.Warehouse.Snowflake;

/// <summary>A status the client handles (200, 202, 408, 422) with its parsed body.</summary>
internal sealed class SnowflakeReply(int status, JsonDocument? body) : IDisposable
{
    public int Status { get; } = status;

    public JsonElement Body => body?.RootElement ?? default;

    public void Dispose() => body?.Dispose();
}
