namespace HealthDw.Core.Ports;

/// <summary>
/// Runs SQL without waiting for it: a submission returns a handle at once, and the handle is asked later whether the
/// statement has ended. This is what lets a workflow build and check a drop in Wait/Choice loops, so no Lambda waits on
/// the warehouse (Snowflake: the SQL API's asynchronous statements; locally: statements run in the background).
/// </summary>
public interface IStatementRunner
{
    /// <summary>Submits the statements (in one transaction when <paramref name="atomic"/>); returns their handle.</summary>
    Task<string> SubmitAsync(IReadOnlyList<string> statements, bool atomic, CancellationToken ct);

    /// <summary>Submits a query; its rows come with the handle's final status.</summary>
    Task<string> SubmitQueryAsync(string sql, CancellationToken ct);

    /// <summary>Looks at a handle once: still running, done (with the query's rows), or failed (with the warehouse's error,
    /// quoted values taken out).</summary>
    Task<StatementStatus> StatusAsync(string handle, CancellationToken ct);
}
