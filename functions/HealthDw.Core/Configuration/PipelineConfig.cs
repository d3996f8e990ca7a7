using HealthDw.Core.Routing;

namespace HealthDw.Core.Configuration;

/// <summary>The pipeline as configuration: routes and one contract per staging table.</summary>
public sealed record PipelineConfig(RouteTable Routes, IReadOnlyDictionary<string, TableContract> Contracts)
{
    public TableContract Contract(string table) =>
        Contracts.TryGetValue(table, out var contract)
            ? contract
            : throw new KeyNotFoundException($"no contract for staging table '{table}'");
}
