namespace HealthDw.Core.Lineage;

/// <summary>One relation on the way from the traced row to the files: how many of its rows the row was built from, and
/// either the relations those rows were built from (<see cref="Upstream"/>) or, for a staging relation, the rows with
/// their lineage (<see cref="Lines"/>, the first few of <see cref="Rows"/>).</summary>
/// <param name="Generated">True for a model that reads nothing (a calendar): its rows come from no file.</param>
public sealed record TraceNode(string Relation, long Rows, IReadOnlyList<TraceNode> Upstream, IReadOnlyList<TracedLine> Lines, bool Generated);
