using System.Diagnostics;
using HealthDw.Cli.Local;
using HealthDw.Core.Loading;
using HealthDw.Functions.Steps;
using Spectre.Console;

namespace HealthDw.Cli.Progress;

/// <summary>One file's load as the Load step reports it: a live bar in a terminal, plain lines otherwise (see <see cref="LoadDisplay"/>).</summary>
public sealed class FileLoadDisplay : IProgress<FileLoadProgress>
{
    /// <summary>How often a plain line reports a file still loading.</summary>
    public static readonly TimeSpan PlainEvery = TimeSpan.FromSeconds(5);

    private readonly IAnsiConsole _console;
    private readonly bool _interactive;
    private readonly string _name;
    private readonly long _size;
    private readonly ProgressTask? _task;
    private readonly long _started = Stopwatch.GetTimestamp();
    private long _lastLine;
    private FileLoadProgress _last;

    internal FileLoadDisplay(IAnsiConsole console, bool interactive, string name, long size, ProgressTask? task)
    {
        (_console, _interactive, _name, _size, _task) = (console, interactive, name, size, task);
        _lastLine = _started;
    }

    public void Report(FileLoadProgress value)
    {
        _last = value;
        if (_task is { } task)
        {
            // A compressed file reports the bytes it decompressed, which can pass its size on disk.
            if (value.Bytes > task.MaxValue) task.MaxValue = value.Bytes;
            task.Value = value.Bytes;
            task.Description = $"{Markup.Escape(_name)} [grey]{DataSize.Rows(value.Rows)} rows[/]";
            return;
        }

        if (_interactive || Stopwatch.GetElapsedTime(_lastLine) < PlainEvery) return;
        _lastLine = Stopwatch.GetTimestamp();
        _console.WriteLine($"  loading {_name}: {DataSize.Rows(value.Rows)} rows, {DataSize.Format(value.Bytes)} read of "
            + $"{DataSize.Format(_size)}, {DataSize.Rate(value.Bytes, Stopwatch.GetElapsedTime(_started))}");
    }

    /// <summary>The file's load ended: its last figures, and what became of it.</summary>
    public void Done(IngestOutcome outcome)
    {
        var elapsed = Stopwatch.GetElapsedTime(_started);
        var rows = outcome.Verdict is { Status: StepStatus.Loaded or StepStatus.AlreadyLoaded } v ? v.Rows : _last.Rows;
        if (_task is { } task)
        {
            task.MaxValue = Math.Max(task.MaxValue, _last.Bytes);
            task.Value = task.MaxValue;
            task.Description = $"{Markup.Escape(_name)} [grey]{DataSize.Rows(rows)} rows[/] {Status(outcome.Status, markup: true)}";
            task.StopTask();
            return;
        }

        if (_interactive) return;
        var read = outcome.Status == StepStatus.Loaded ? $": {DataSize.Rows(rows)} rows, {DataSize.Format(_size)} in {elapsed.TotalSeconds:0.0}s"
            + $" ({DataSize.Rate(_size, elapsed)})" : "";
        _console.WriteLine($"  {_name}: {Status(outcome.Status, markup: false)}{read}");
    }

    private static string Status(StepStatus? status, bool markup) => (status, markup) switch
    {
        (StepStatus.Loaded, true) => "[green]loaded[/]",
        (StepStatus.Loaded, false) => "loaded",
        (StepStatus.AlreadyLoaded, _) => "already loaded",
        (StepStatus.Rejected, true) => "[red]rejected[/]",
        (StepStatus.Rejected, false) => "rejected",
        (StepStatus.Control, _) => "control file",
        (StepStatus.Ignored, _) => "ignored",
        (null, true) => "[red]step failed[/]",
        (null, false) => "step failed",
        ({ } other, _) => markup ? Markup.Escape(other.WireName()) : other.WireName(),
    };
}
