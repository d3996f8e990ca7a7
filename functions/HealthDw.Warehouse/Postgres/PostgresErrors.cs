using System.Text.RegularExpressions;
using HealthDw.Core.Ports;
using Npgsql;

namespace HealthDw.Warehouse.Postgres;

/// <summary>
/// PostgreSQL's errors without their data. A data exception (SQLSTATE class 22, e.g. <c>invalid input syntax for type
/// integer: "Hill"</c>) or a constraint violation (class 23) quotes the offending value: every quoted part of those
/// messages is replaced by <c>"…"</c>. Other errors quote identifiers only (<c>column "vital_pk" does not exist</c>) and
/// keep them, with PostgreSQL's hint, which often names the column meant. The position (an offset into the generated SQL,
/// not into the model file) is left out.
/// </summary>
internal static partial class PostgresErrors
{
    public static WarehouseSqlException Scrubbed(PostgresException e)
    {
        var carriesData = e.SqlState.StartsWith("22", StringComparison.Ordinal) || e.SqlState.StartsWith("23", StringComparison.Ordinal);
        var message = carriesData ? Quoted().Replace(e.MessageText, "\"…\"") : e.MessageText;
        if (!carriesData && !string.IsNullOrEmpty(e.Hint))
            message += $" (hint: {e.Hint})";
        return new WarehouseSqlException(e.SqlState, $"the warehouse refused the SQL ({e.SqlState}): {message}");
    }

    [GeneratedRegex("\"[^\"]*\"|'[^']*'", RegexOptions.CultureInvariant)]
    private static partial Regex Quoted();
}
