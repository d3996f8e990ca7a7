using HealthDw.Core.Configuration;

namespace HealthDw.Core.Inference;

/// <summary>What <see cref="ContractInference"/> wrote: the YAML (evidence in comments, no cell value), the contract it parses
/// to with the real parser, and the rows it was inferred from.</summary>
public sealed record InferredContract(string Yaml, TableContract Contract, long Rows);
