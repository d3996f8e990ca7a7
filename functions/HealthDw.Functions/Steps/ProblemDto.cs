using HealthDw.Core.Validation;

namespace HealthDw.Functions.Steps;

/// <summary>A file problem on the wire: rule, position, message, hint. Never a value.</summary>
public sealed record ProblemDto(string Rule, long Line, int? Column, string? ColumnName, string Message, string? Hint)
{
    public static ProblemDto From(FileProblem p) => new(p.Rule, p.Line, p.Column, p.ColumnName, p.Message, p.Hint);

    public override string ToString() =>
        new FileProblem(Rule, Line, Column, ColumnName, Message, Hint).ToString();
}
