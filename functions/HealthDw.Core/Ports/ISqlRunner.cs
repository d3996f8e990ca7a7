namespace HealthDw.Core.Ports;

/// <summary>Runs SQL in the warehouse for models, checks and reconciliation.</summary>
public interface ISqlRunner
{
    /// <summary>Runs the statements in order; in one transaction when <paramref name="atomic"/>.</summary>
    Task ExecuteAsync(IReadOnlyList<string> statements, bool atomic, CancellationToken ct);

    /// <summary>Runs a query and returns its rows (values as .NET primitives; null for SQL NULL).</summary>
    Task<IReadOnlyList<object?[]>> QueryAsync(string sql, CancellationToken ct);
}
