using HealthDw.Core.Loading;

namespace HealthDw.Cli.Local;

/// <summary>One file for an ingest-file execution, as the CLI shows it: where it is (a path for <c>drop</c>, an archived key
/// for <c>replay</c>), its size, and how it is put into <c>raw_files/</c> and run.</summary>
public sealed record FileToIngest(string Path, long Size,
    Func<IProgress<FileLoadProgress>?, CancellationToken, Task<DropRunner.FileRun>> RunAsync);
