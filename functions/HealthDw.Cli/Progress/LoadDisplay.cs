using Spectre.Console;

namespace HealthDw.Cli.Progress;

/// <summary>
/// Shows each file's load as it goes: rows, bytes and rate. In a terminal, a live bar per file; otherwise a plain line
/// when a file is done (and, for a file that takes longer, a line every few seconds while it loads), so a CI log or a
/// pipe stays readable. Counts and names only, never a cell.
/// </summary>
public sealed class LoadDisplay(IAnsiConsole console, bool interactive)
{
    private ProgressContext? _live;

    /// <summary>Runs <paramref name="work"/> (the drop's loads) with the live bars up, in a terminal.</summary>
    public async Task ShowWhileAsync(Func<Task> work)
    {
        if (!interactive)
        {
            await work();
            return;
        }

        // The bars clear at the end: the table that follows gives every file again, with its table and status.
        await console.Progress().AutoClear(true).HideCompleted(false).Columns(new TaskDescriptionColumn { Alignment = Justify.Left },
            new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn(), new ElapsedTimeColumn())
            .StartAsync(async live =>
            {
                _live = live;
                try
                {
                    await work();
                }
                finally
                {
                    _live = null;
                }
            });
    }

    /// <summary>A file starts: where its load reports rows and bytes read; <see cref="FileLoadDisplay.Done"/> says how it ended.</summary>
    public FileLoadDisplay Start(string name, long size) =>
        new(console, interactive, name, size, _live?.AddTask(Markup.Escape(name), maxValue: Math.Max(size, 1)));
}
