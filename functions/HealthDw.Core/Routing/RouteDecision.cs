namespace HealthDw.Core.Routing;

/// <summary>Where a file goes, decided from its name alone.</summary>
public sealed record RouteDecision(RouteKind Kind, string FileName, string? Table, string? DropId, int? Part, string Reason);
