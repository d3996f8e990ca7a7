namespace HealthDw.Core.Profiling;

/// <summary>One column's profile. Nulls are empty cells (a file) or SQL NULLs (a table: the loader stores an empty cell
/// as NULL). Lengths are in characters of the text form. <see cref="Min"/>, <see cref="Max"/> and <see cref="TopValues"/>
/// are cell values: they are filled only when values were asked for, and never when <see cref="HiddenBecause"/> is set.</summary>
/// <param name="HiddenBecause"><see cref="DataProfile.HiddenPhi"/>, <see cref="DataProfile.HiddenNoContract"/>, or null.</param>
/// <param name="DistinctAtLeast">True when <see cref="Distinct"/> is a lower bound (a file column with more distinct values
/// than the profiler keeps).</param>
public sealed record ColumnProfile(
    string Name,
    string Type,
    string? HiddenBecause,
    long Nulls,
    long Distinct,
    bool DistinctAtLeast,
    long? MinLength,
    long? MaxLength,
    string? Min,
    string? Max,
    IReadOnlyList<ValueCount> TopValues);
