namespace HealthDw.Warehouse.Snowflake;

/// <summary>
/// A COPY still running in Snowflake: ids and a time only, so a state machine can carry it in its state between a Wait
/// and the next <see cref="SnowflakeStageLoader.ResumeAsync"/>.
/// </summary>
/// <param name="LoadId">The load's id: it names the per-load table <c>staging._load_&lt;id&gt;</c>.</param>
/// <param name="StatementHandle">The COPY's statement handle in the SQL API.</param>
/// <param name="StartedAt">When the load started, for the ledger and the duration.</param>
/// <param name="CheckedRows">The rows the contract check read before the COPY (null when it did not run): the COPY must
/// load exactly as many.</param>
public sealed record SnowflakeLoadHandle(Guid LoadId, string StatementHandle, DateTimeOffset StartedAt, long? CheckedRows = null);
