namespace HealthDw.Core.Models;

/// <summary>A model's <c>{{ config(...) }}</c>: how it is materialised, its key, its tags, its lineage.</summary>
public sealed record ModelConfig(Materialization Materialized, IReadOnlyList<string> UniqueKey, IReadOnlyList<string> Tags)
{
    /// <summary>The declared lineage (<c>trace=[...]</c>) that <c>healthdw trace</c> follows; empty when none is declared.</summary>
    public IReadOnlyList<TraceLink> Trace { get; init; } = [];

    public static readonly ModelConfig Default = new(Materialization.View, [], []);
}
