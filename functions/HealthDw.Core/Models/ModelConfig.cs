namespace HealthDw.Core.Models;

/// <summary>A model's <c>{{ config(...) }}</c>: how it is materialised, its key, its tags.</summary>
public sealed record ModelConfig(Materialization Materialized, IReadOnlyList<string> UniqueKey, IReadOnlyList<string> Tags)
{
    public static readonly ModelConfig Default = new(Materialization.View, [], []);
}
