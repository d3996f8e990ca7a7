using HealthDw.Core.Configuration;

namespace HealthDw.Core.Inference;

/// <summary>What the inference needs besides the file's text.</summary>
/// <param name="Table">The staging table the contract is for.</param>
/// <param name="FileName">The file's name, for the comments (a name is no cell value).</param>
/// <param name="TableSource">Why the table is <paramref name="Table"/>, for its comment (e.g. "from --table").</param>
/// <param name="KnownContracts">The configuration's contracts, whose key columns a column may reference; a contract for
/// <paramref name="Table"/> itself is passed over.</param>
/// <param name="Notes">Lines for the header comment (e.g. why no references could be suggested).</param>
public sealed record ContractInferenceOptions(
    string Table,
    string FileName,
    string TableSource,
    IReadOnlyCollection<TableContract> KnownContracts,
    IReadOnlyList<string>? Notes = null);
