using HealthDw.Core.Validation;

namespace HealthDw.Core.Inference;

/// <summary>The file cannot be turned into a contract that would load it: not valid CSV, not UTF-8, a row with the wrong
/// number of fields, a header that is no list of column names. Carries the position, never a cell's value.</summary>
public sealed class ContractInferenceException(FileProblem problem) : Exception(problem.ToString())
{
    public FileProblem Problem { get; } = problem;
}
