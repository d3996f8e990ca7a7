using HealthDw.Core.Sql;

namespace HealthDw.Core.Models;

/// <summary>What a model's template is rendered against.</summary>
/// <param name="This">The relation the model builds (for <c>{{ this }}</c>).</param>
/// <param name="Incremental">True when an incremental model merges into an existing table.</param>
/// <param name="AsOf">The drop's time: what "now" means for views such as receivables aging.</param>
public sealed record RenderContext(ISqlDialect Dialect, string This, bool Incremental, string DropId, DateTimeOffset AsOf);
