namespace HealthDw.Core.Models;

/// <summary>
/// One line of a model's declared lineage, <c>trace=["upstream: predicate", ...]</c> in its config: which rows of an upstream
/// relation (a ref'd model, or a source written <c>staging.&lt;table&gt;</c>) one row of the model was built from. The predicate
/// is SQL over <c>row.</c> (the model's row) and <c>up.</c> (the upstream row), e.g. <c>up.apptpk = row.appointment_pk</c>.
/// </summary>
/// <param name="Line">Where the config call is written, for errors.</param>
public sealed record TraceLink(string Upstream, string Predicate, int Line, int Column)
{
    public const string SourcePrefix = "staging.";

    /// <summary>True when the upstream is a staging table rather than a model.</summary>
    public bool IsSource => Upstream.StartsWith(SourcePrefix, StringComparison.Ordinal);
}
