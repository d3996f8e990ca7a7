namespace HealthDw.Core.Csv;

/// <summary>Where and why a record is not valid RFC 4180 CSV. Carries positions, never content.</summary>
/// <param name="AtEndOfInput">True when the input ended inside the record (an unclosed quote):
/// in a sample of a larger file that is no error, the file just goes on.</param>
public sealed record CsvSyntaxError(long Line, int Field, string Rule, string Message, bool AtEndOfInput = false);
