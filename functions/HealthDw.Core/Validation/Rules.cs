namespace HealthDw.Core.Validation;

/// <summary>The rule names a <see cref="FileProblem"/> can carry; stable, for alerts and dashboards.</summary>
public static class Rules
{
    public const string UnknownFile = "unknown_file";
    public const string EmptyFile = "empty_file";
    public const string NoRows = "no_rows";
    public const string Encoding = "encoding";
    public const string Delimiter = "delimiter";
    public const string Quote = "quote";
    public const string RecordTooLong = "record_too_long";
    public const string MissingHeader = "missing_header";
    public const string MissingColumn = "missing_column";
    public const string ExtraColumn = "extra_column";
    public const string ColumnOrder = "column_order";
    public const string DuplicateColumn = "duplicate_column";
    public const string FieldCount = "field_count";
    public const string Type = "type";
    public const string NotNull = "not_null";
    public const string Length = "length";
    public const string DuplicateKey = "duplicate_key";
    public const string Reference = "reference";
    public const string StepFailed = "step_failed";
}
