namespace HealthDw.Core.Sql;

/// <summary>One relation a build made, as a swap that moves relations one by one needs it (see
/// <see cref="ISqlDialect.SwapSchemas(string, string, IReadOnlyList{BuiltRelation})"/>).</summary>
/// <param name="Name">The model's name, the relation's name in both schemas.</param>
/// <param name="IsView">A view (re-created from <paramref name="Body"/>) rather than a table (copied).</param>
/// <param name="Body">A view's query, its model references unqualified (they resolve in the view's own schema).</param>
public sealed record BuiltRelation(string Name, bool IsView, string Body);
