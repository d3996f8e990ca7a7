using HealthDw.Core.Checks;
using HealthDw.Core.Publishing;
using Spectre.Console;

namespace HealthDw.Cli.Progress;

/// <summary>
/// Shows publish's models and checks as they run. In a terminal, two live bars (models built, checks evaluated) naming what
/// runs now; otherwise one plain line per model started and built and per check evaluated, so a CI log shows where a slow
/// publish spends its time. Names, counts and outcomes only: a check's measured value can be a cell, and is not shown.
/// </summary>
public sealed class PublishDisplay(IAnsiConsole console, bool interactive) : IProgress<PublishProgress>
{
    private readonly Lock _gate = new();
    private readonly List<string> _building = [];
    private ProgressContext? _live;
    private ProgressTask? _models;
    private ProgressTask? _checks;
    private int _warned;
    private int _failed;

    public void Report(PublishProgress value)
    {
        lock (_gate)
        {
            if (interactive) Update(value);
            else console.WriteLine(Line(value));
        }
    }

    /// <summary>Runs <paramref name="work"/> (a publish, or the wait for one) with the live bars up, in a terminal.</summary>
    public async Task ShowWhileAsync(Func<Task> work)
    {
        if (!interactive)
        {
            await work();
            return;
        }

        await console.Progress().AutoClear(true).Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(),
            new PercentageColumn(), new ElapsedTimeColumn()).StartAsync(async live =>
        {
            lock (_gate) _live = live;
            try
            {
                await work();
            }
            finally
            {
                lock (_gate) (_live, _models, _checks) = (null, null, null);
            }
        });
    }

    /// <summary>The plain line for one event.</summary>
    public static string Line(PublishProgress p) => p.Kind switch
    {
        PublishProgressKind.ModelStarted => $"  model {p.Name}: building ({p.Done}/{p.Total} built)",
        PublishProgressKind.ModelBuilt => $"  model {p.Name}: built in {p.Elapsed?.TotalSeconds:0.0}s ({p.Done}/{p.Total})",
        PublishProgressKind.ChecksStarted => $"  checks of {p.Name}: running ({p.Done}/{p.Total} done)",
        _ => $"  check {p.Name}: {Outcome(p.Outcome)} ({p.Done}/{p.Total})",
    };

    private static string Outcome(CheckOutcome? outcome) => outcome switch
    {
        CheckOutcome.Fail => "fail",
        CheckOutcome.Warn => "warn",
        _ => "pass",
    };

    private void Update(PublishProgress p)
    {
        switch (p.Kind)
        {
            case PublishProgressKind.ModelStarted:
                _building.Add(p.Name);
                break;
            case PublishProgressKind.ModelBuilt:
                _building.Remove(p.Name);
                break;
            case PublishProgressKind.CheckEvaluated when p.Outcome == CheckOutcome.Warn:
                _warned++;
                break;
            case PublishProgressKind.CheckEvaluated when p.Outcome == CheckOutcome.Fail:
                _failed++;
                break;
        }

        if (_live is null) return;
        if (p.Kind is PublishProgressKind.ModelStarted or PublishProgressKind.ModelBuilt)
        {
            _models ??= _live.AddTask("models", maxValue: p.Total);
            _models.MaxValue = p.Total;
            _models.Value = p.Done;
            _models.Description = _building.Count > 0
                ? $"models {p.Done}/{p.Total}: building [bold]{Markup.Escape(string.Join(", ", _building))}[/]"
                : $"models {p.Done}/{p.Total} built";
            return;
        }

        _models?.StopTask();
        _checks ??= _live.AddTask("checks", maxValue: p.Total);
        _checks.MaxValue = p.Total;
        _checks.Value = p.Done;
        var issues = (_failed > 0 ? $", [red]{_failed} failed[/]" : "") + (_warned > 0 ? $", [yellow]{_warned} warned[/]" : "");
        _checks.Description = p.Kind == PublishProgressKind.ChecksStarted
            ? $"checks {p.Done}/{p.Total}{issues}: checking [bold]{Markup.Escape(p.Name)}[/]"
            : $"checks {p.Done}/{p.Total}{issues}";
    }
}
