using HealthDw.Core.Ports;
using Npgsql;

namespace HealthDw.Warehouse.Postgres;

/// <summary>
/// PostgreSQL's errors without their data. Only a mistake in the SQL itself (SQLSTATE class 42: an unknown column, a
/// syntax error) is kept whole, with PostgreSQL's hint, which often names the column meant: its quotes hold identifiers.
/// Any other message (bad data, a constraint, a RAISE, an internal error) may quote a value, so it is cut at its first
/// quote or colon, and a RAISE's text is not kept at all. The position (an offset into the generated SQL, not into the
/// model file) is left out.
/// </summary>
internal static class PostgresErrors
{
    public static WarehouseSqlException Scrubbed(PostgresException e)
    {
        string message;
        if (e.SqlState.StartsWith("42", StringComparison.Ordinal))
            message = string.IsNullOrEmpty(e.Hint) ? e.MessageText : $"{e.MessageText} (hint: {e.Hint})";
        else if (e.SqlState == PostgresErrorCodes.RaiseException)
            message = "the SQL raised an error of its own (its text is not shown: it may hold data)";
        else
        {
            var cut = e.MessageText.IndexOfAny(['"', '\'', ':']);
            message = cut < 0 ? e.MessageText : e.MessageText[..cut].TrimEnd() + " …";
        }

        return new WarehouseSqlException(e.SqlState, $"the warehouse refused the SQL ({e.SqlState}): {message}");
    }
}
