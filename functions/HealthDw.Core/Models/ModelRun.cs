namespace HealthDw.Core.Models;

/// <summary>One model built: how, and how long it took.</summary>
public sealed record ModelRun(string Model, Materialization Materialized, bool Merged, TimeSpan Elapsed);
