namespace HealthDw.Warehouse;

/// <summary>
/// The DDL of the schemas and audit tables (ledger, rejection log, check history, alert window, publish decisions) for both
/// ADO.NET warehouses, PostgreSQL and DuckDB: one text, so the two cannot drift apart on a column. What really differs
/// between the two dialects is a parameter of <see cref="Ddl"/>; Snowflake's types differ throughout and keep their own DDL.
/// </summary>
public static class AuditSchema
{
    /// <param name="textList">The type of a list of text (PostgreSQL <c>text[]</c>, DuckDB <c>varchar[]</c>).</param>
    /// <param name="emptyTextList">That type's empty literal (<c>'{}'</c>, <c>[]</c>).</param>
    /// <param name="rejectionId">The rejection log's id column: an identity column, or a sequence's default where the
    /// warehouse has no identity columns (DuckDB).</param>
    /// <param name="beforeTables">Statements the tables need first (a sequence).</param>
    /// <param name="afterTables">Statements after them: secondary indexes, and columns added to tables of older versions.</param>
    public static string Ddl(string textList, string emptyTextList, string rejectionId, string beforeTables = "", string afterTables = "") => $"""
        create schema if not exists staging;
        create schema if not exists analytics;
        create schema if not exists audit;
        {beforeTables}

        -- One row per file version loaded, written in the same transaction as its rows:
        -- the unique key is what makes a load happen exactly once.
        create table if not exists audit.load_ledger (
            load_id        uuid primary key,
            bucket         text not null,
            object_key     text not null,
            version_token  text not null,
            etag           text not null,
            version_id     text,
            size_bytes     bigint not null,
            table_name     text not null,
            drop_id        text not null,
            part           integer,
            rows_loaded    bigint not null default 0,
            started_at     timestamptz not null,
            loaded_at      timestamptz,
            unique (bucket, object_key, version_token)
        );

        -- Files refused, with the first problem (rule and position; never a cell value).
        create table if not exists audit.file_rejections (
            rejection_id     {rejectionId},
            bucket           text not null,
            object_key       text not null,
            version_token    text not null,
            table_name       text,
            drop_id          text,
            stage            text not null,
            problem_count    bigint not null,
            first_problem    text not null,
            error_report_key text not null,
            rejected_at      timestamptz not null
        );

        -- Every check of every drop, so a history exists (metrics are aggregates, never cell values), with samples of the
        -- rows that broke a check: key values and source lines only.
        create table if not exists audit.check_results (
            drop_id      text not null,
            check_name   text not null,
            table_name   text not null,
            metric       text not null,
            value        double precision,
            threshold    text not null,
            outcome      text not null,
            detail       text not null,
            source_file  text not null,
            checked_at   timestamptz not null,
            failed_rows  {textList} not null default {emptyTextList}
        );

        -- Alerts held back so a drop's rejections reach the team once a minute at most.
        create table if not exists audit.alert_window (
            group_key    text primary key,
            last_sent_at timestamptz,
            held         {textList} not null
        );

        -- Each drop's publish decision.
        create table if not exists audit.drop_publications (
            drop_id      text not null,
            published    boolean not null,
            checks_passed integer not null,
            checks_warned integer not null,
            checks_failed integer not null,
            blockers     text not null,
            duration_ms  bigint not null,
            decided_at   timestamptz not null
        );

        -- Each publish-drop execution's build start and end, so the next file of a drop knows which publish covers it.
        create table if not exists audit.publish_attempts (
            drop_id        text not null,
            execution_name text not null,
            kind           text not null,
            recorded_at    timestamptz not null
        );
        {afterTables}
        """;
}
