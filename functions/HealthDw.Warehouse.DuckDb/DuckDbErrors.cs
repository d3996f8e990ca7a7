using DuckDB.NET.Data;
using DuckDB.NET.Native;
using HealthDw.Core.Ports;

namespace HealthDw.Warehouse.DuckDb;

/// <summary>
/// DuckDB's errors without their data, as PostgresErrors does for PostgreSQL. A mistake in the SQL
/// itself (a parser, binder or catalog error: an unknown column, a syntax error) keeps its first line whole (its quotes hold
/// identifiers) under SQLSTATE class 42; any other message (a failed cast, a constraint) may quote a value, so it is cut at its
/// first quote or colon. The echo of the statement DuckDB appends (LINE 1: …) is left out.
/// </summary>
internal static class DuckDbErrors
{
    /// <summary>A write-write conflict between two transactions: the statement may succeed when run again.</summary>
    public static bool IsTransient(DuckDBException e) => e.ErrorType == DuckDBErrorType.Transaction;

    public static WarehouseSqlException Scrubbed(DuckDBException e)
    {
        var text = e.Message.Split('\n')[0].Trim();
        var (state, keepWhole) = e.ErrorType switch
        {
            DuckDBErrorType.Parser or DuckDBErrorType.Syntax => ("42601", true),
            DuckDBErrorType.Binder => ("42703", true),
            DuckDBErrorType.Catalog => ("42P01", true),
            DuckDBErrorType.Conversion or DuckDBErrorType.InvalidInput or DuckDBErrorType.MismatchType => ("22P02", false),
            DuckDBErrorType.OutOfRange or DuckDBErrorType.Decimal => ("22003", false),
            DuckDBErrorType.DivideByZero => ("22012", false),
            DuckDBErrorType.Constraint => ("23000", false),
            _ => ("XX000", false),
        };
        var prefix = text.IndexOf(" Error: ", StringComparison.Ordinal);
        var kind = prefix < 0 ? "" : text[..(prefix + " Error:".Length)] + " ";
        var message = prefix < 0 ? text : text[(prefix + " Error: ".Length)..];
        if (!keepWhole)
        {
            var cut = message.IndexOfAny(['"', '\'', ':']);
            if (cut >= 0) message = message[..cut].TrimEnd() + " …";
        }

        return new WarehouseSqlException(state, $"the warehouse refused the SQL ({state}): {kind}{message}");
    }
}
