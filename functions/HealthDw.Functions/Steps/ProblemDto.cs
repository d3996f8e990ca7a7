using HealthDw.Core.Validation;

namespace HealthDw.Functions.Steps;

/// <summary>A file problem on the wire: rule, position, message, hint. Never a value.</summary>
public sealed record ProblemDto(string Rule, long Line, int? Column, string? ColumnName, string Message, string? Hint)
{
    /// <summary>
    /// At most this many problems travel in a step result (the count of all of them travels beside them): a verdict
    /// sits in the workflow's state, which Step Functions caps at 256 KiB and fails with States.DataLimitExceeded
    /// beyond that, uncatchable (Developer Guide, "Step Functions service quotas"; "Handling errors").
    /// </summary>
    public const int MaxListed = 20;

    /// <summary>The longest message, in characters.</summary>
    public const int MaxMessage = 300;

    /// <summary>The longest hint, in characters (a missing column's hint names the contract's columns).</summary>
    public const int MaxHint = 400;

    /// <summary>The longest column name, rule or other short field, in characters.</summary>
    public const int MaxName = 128;

    /// <summary>
    /// The largest JSON a step result's problems can take: each character may be written as a six-byte
    /// <c>\uXXXX</c> escape, plus room for the field names and numbers.
    /// </summary>
    public const int MaxListedBytes = MaxListed * ((MaxMessage + MaxHint + 2 * MaxName) * 6 + 200);

    public static ProblemDto From(FileProblem p) =>
        new(Cut(p.Rule, MaxName), p.Line, p.Column, CutOrNull(p.ColumnName, MaxName), Cut(p.Message, MaxMessage), CutOrNull(p.Hint, MaxHint));

    /// <summary>The first <see cref="MaxListed"/> problems, each cut to the sizes above.</summary>
    public static List<ProblemDto> ListFrom(IEnumerable<FileProblem> problems) => [.. problems.Take(MaxListed).Select(From)];

    public override string ToString() =>
        new FileProblem(Rule, Line, Column, ColumnName, Message, Hint).ToString();

    private static string? CutOrNull(string? text, int max) => text is null ? null : Cut(text, max);

    /// <summary>Cuts at <paramref name="max"/> characters, never inside a surrogate pair, and says so.</summary>
    private static string Cut(string text, int max)
    {
        if (text.Length <= max)
            return text;
        var keep = max - 1;
        if (char.IsHighSurrogate(text[keep - 1]))
            keep--;
        return string.Concat(text.AsSpan(0, keep), "…");
    }
}
