namespace HealthDw.Core.Validation;

/// <summary>
/// One thing wrong with a file: the rule it breaks, where (line, column) and how to fix it.
/// It never carries a cell's value: files hold PHI, and problems travel to logs and Slack.
/// </summary>
/// <param name="Rule">A stable, machine-readable name (see <see cref="Rules"/>).</param>
/// <param name="Line">Physical line in the file, 1-based; the header is line 1.</param>
/// <param name="Column">1-based position of the field in the line, when the problem is in one field.</param>
/// <param name="ColumnName">The column's name from the contract, when known.</param>
public sealed record FileProblem(string Rule, long Line, int? Column, string? ColumnName, string Message, string? Hint = null)
{
    public override string ToString()
    {
        if (Line <= 0) return $"{Message}{(ColumnName is null ? "" : $" ({ColumnName})")} [{Rule}]"; // about the whole file
        var where = Column is null ? $"line {Line}" : $"line {Line}, column {Column}";
        var name = ColumnName is null ? "" : $" ({ColumnName})";
        return $"{where}{name}: {Message} [{Rule}]";
    }
}
