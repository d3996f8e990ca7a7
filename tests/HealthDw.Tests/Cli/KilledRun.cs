using System.Diagnostics;
using HealthDw.Cli;
using HealthDw.Cli.Local;
using HealthDw.StateMachine.History;
using HealthDw.StateMachine.Storage;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Cli;

/// <summary>
/// Issue 11, item 5: a CLI process killed (SIGKILL, no clean-up of any kind) at a named state, and what the next command
/// must find afterwards. The child pauses before the state (<see cref="StatePause"/>) and says so on stderr; the kill comes
/// then, so "killed in this phase" does not depend on timing.
/// </summary>
internal static class KilledRun
{
    public const string DropId = Drops.DropId;

    /// <summary>Runs <c>healthdw ARGS</c> as a child process that pauses before <paramref name="state"/>, then kills it.</summary>
    public static async Task KillBeforeAsync(LocalSettings settings, string warehouse, string state, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(typeof(HealthDwCli).Assembly.Location);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["HEALTHDW_HOME"] = settings.Home;
        info.Environment["HEALTHDW_CONFIG"] = settings.ConfigFolder;
        info.Environment["HEALTHDW_BUCKET"] = settings.BucketFolder;
        info.Environment["HEALTHDW_WAREHOUSE"] = warehouse;
        info.Environment[StatePause.Variable] = state;
        using var child = Process.Start(info)!;
        var output = child.StandardOutput.ReadToEndAsync(); // drained, so that a full pipe never holds the child
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var paused = false;
        while (!paused && await child.StandardError.ReadLineAsync(timeout.Token) is { } line)
            paused = line.Contains($"{StatePause.Paused} '{state}'", StringComparison.Ordinal);
        if (!paused)
            throw new InvalidOperationException($"the child ended without pausing before '{state}': {await output}");

        child.Kill(entireProcessTree: true); // SIGKILL on Linux
        await child.WaitForExitAsync();
    }

    /// <summary>The executions the killed process and the command after it left.</summary>
    public static Task<IReadOnlyList<ExecutionRecord>> ExecutionsAsync(LocalSettings settings) =>
        new FolderExecutionStore(Path.Combine(settings.Home, "executions")).ListAsync();

    /// <summary>Publish decisions recorded for the drop (all of them, and those that published), and build schemas left.</summary>
    public static async Task<(long Decisions, long Published, long BuildSchemas)> WarehouseAsync(LocalSettings settings)
    {
        await using var pipeline = await LocalPipeline.OpenAsync(settings, CancellationToken.None, secrets: new TestPipeline.NoSecrets());
        async Task<long> CountAsync(string sql) =>
            Convert.ToInt64((await pipeline.Sql.QueryAsync(sql, CancellationToken.None))[0][0], System.Globalization.CultureInfo.InvariantCulture);
        return (await CountAsync($"select count(*) from audit.drop_publications where drop_id = '{DropId}'"),
            await CountAsync($"select count(*) from audit.drop_publications where drop_id = '{DropId}' and published"),
            await CountAsync("select count(*) from information_schema.schemata where schema_name like 'build\\_%' escape '\\'"));
    }

    /// <summary>What every kill must come to, on either warehouse.</summary>
    public static async Task ShouldHaveRecoveredAsync(LocalSettings settings, string state)
    {
        var executions = await ExecutionsAsync(settings);
        executions.Should().NotContain(r => r.Status == ExecutionStatus.Running);
        var aborted = executions.Where(r => r.Status == ExecutionStatus.Aborted).Should().ContainSingle().Subject;
        aborted.Error.Should().Be(InterruptedRuns.ProcessGone);
        aborted.Events[^1].Type.Should().Be(HistoryEventTypes.ExecutionAborted);
        aborted.Events.Should().NotContain(e => e.Type.EndsWith("StateEntered", StringComparison.Ordinal) && (string?)e.Details["name"] == state,
            "the process was killed before it entered that state");
        var (decisions, published, buildSchemas) = await WarehouseAsync(settings);
        decisions.Should().Be(1, "the drop is decided exactly once");
        published.Should().Be(1);
        buildSchemas.Should().Be(0, "no build schema is left over");
    }
}
