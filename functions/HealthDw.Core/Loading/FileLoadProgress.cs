namespace HealthDw.Core.Loading;

/// <summary>How far the load of one file has got: data rows and bytes of the file read so far. Counts only, never a cell.</summary>
public readonly record struct FileLoadProgress(long Rows, long Bytes);
