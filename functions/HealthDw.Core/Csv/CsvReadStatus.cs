namespace HealthDw.Core.Csv;

public enum CsvReadStatus
{
    /// <summary>A record was read; its fields are available until the next read.</summary>
    Record,

    /// <summary>The input is exhausted.</summary>
    EndOfFile,

    /// <summary>The record is not valid CSV; <see cref="CsvReader.Error"/> says where and why.
    /// The reader has moved past it and can go on.</summary>
    Malformed,
}
