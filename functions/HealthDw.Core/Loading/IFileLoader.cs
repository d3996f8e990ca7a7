using HealthDw.Core.Configuration;

namespace HealthDw.Core.Loading;

/// <summary>
/// The Load step's strategy. Locally the file is streamed through this process and checked cell by
/// cell (<see cref="StagingLoader"/>); on Snowflake the warehouse reads it from the bucket itself
/// (COPY from an external stage). Either way: exactly once per file version, whole or not at all,
/// and the same <see cref="LoadOutcome"/> (rows, first problem's line and column, no values).
/// </summary>
public interface IFileLoader
{
    Task<LoadOutcome> LoadAsync(RoutedFile file, TableContract contract, IProgress<FileLoadProgress>? progress, CancellationToken ct);
}
