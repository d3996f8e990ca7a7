using HealthDw.Cli.Local;
using HealthDw.StateMachine.History;
using Spectre.Console;

namespace HealthDw.Cli.Commands;

/// <summary>The start of every command that runs workflows (demo, drop, publish, replay, watch): what a killed process left
/// RUNNING is ended and done again before anything new starts (<see cref="InterruptedRuns"/>).</summary>
public static class InterruptedRunsStartup
{
    /// <returns>The publish-drop executions started again (each has ended and is shown).</returns>
    public static async Task<IReadOnlyList<ExecutionRecord>> RecoverAsync(CliContext ctx, LocalPipeline pipeline, LocalWorkflow workflow, CancellationToken ct)
    {
        var restarted = await new InterruptedRuns(pipeline, workflow).RecoverAsync(
            line => ctx.Console.MarkupLine($"[yellow]interrupted run[/]: {Markup.Escape(line)}"), ct);
        foreach (var record in restarted) PublishCommand.Render(ctx.Console, record);
        return restarted;
    }
}
