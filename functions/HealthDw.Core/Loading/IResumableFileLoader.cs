using HealthDw.Core.Configuration;

namespace HealthDw.Core.Loading;

/// <summary>
/// A Load step whose warehouse works asynchronously: <see cref="StartAsync"/> returns at once with
/// either the outcome or a <see cref="LoadHandle"/>; the workflow waits (a Wait state, no Lambda
/// held) and calls <see cref="ResumeAsync"/> until the outcome is there.
/// </summary>
public interface IResumableFileLoader : IFileLoader
{
    Task<(LoadOutcome? Outcome, LoadHandle? Handle)> StartAsync(RoutedFile file, TableContract contract, CancellationToken ct);

    Task<(LoadOutcome? Outcome, LoadHandle? Handle)> ResumeAsync(LoadHandle handle, RoutedFile file, TableContract contract, CancellationToken ct);
}
