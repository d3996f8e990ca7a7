using System.Diagnostics;
using HealthDw.Cli.Local;
using HealthDw.StateMachine.History;
using HealthDw.Tests.Support;
using Npgsql;

namespace HealthDw.Tests.Cli;

/// <summary>
/// Issue 11, item 5, on PostgreSQL: the publish phases killed, then run again (PostgreSQL goes on running a killed client's
/// statement, holding its locks, until it next writes to it); and a statement left running by a process that is gone is ended.
/// </summary>
[Collection(PostgresSecondCollection.Name)]
public sealed class InterruptedRunPostgresTests(PostgresFixture postgres) : IDisposable
{
    private readonly TempFolder _folder = new("healthdw-killed-pg");

    // Every phase is killed on DuckDB (InterruptedRunTests); here the two that matter to a server: a build statement under
    // way (Check Models), and the decision's swap (Publish or Discard). Each case runs a child process twice (~12 s).
    [Theory]
    [InlineData("Check Models")]
    [InlineData("Publish or Discard")]
    public async Task Drop_WhenTheProcessWasKilledBeforeAPublishState_ShouldPublishTheDropOnceAndLeaveNothingRunning(string state)
    {
        var folder = _folder.Combine("drop");
        Drops.Write(folder);
        var connection = await postgres.CreateDatabaseAsync();
        var settings = new LocalSettings(_folder.Combine(".healthdw"), TestConfig.SmallDrops, _folder.Combine("bucket"), connection);
        await KilledRun.KillBeforeAsync(settings, connection, state, "drop", folder);

        var again = await TestPipeline.CliAsync(settings, 200, "drop", folder);

        again.Exit.Should().Be(0, again.Output);
        await KilledRun.ShouldHaveRecoveredAsync(settings, state);
    }

    [Fact]
    public async Task EndOrphansAsync_WhenAProcessThatIsGoneLeftAStatementRunning_ShouldEndItAndNotTheLiveOnes()
    {
        var connection = await postgres.CreateDatabaseAsync();
        // A process that lives until its start time is read (a `true` may be gone before that), then is killed.
        using (var gone = Process.Start(new ProcessStartInfo("sleep", "600") { UseShellExecute = false })!)
        {
            var owner = new ExecutionOwner(gone.Id, gone.StartTime.ToUniversalTime());
            gone.Kill();
            await gone.WaitForExitAsync();
            await using var orphan = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connection) { ApplicationName = LocalPostgresBackends.NameOf(owner) }.ConnectionString);
            await orphan.OpenAsync();
            await using var live = new NpgsqlConnection(LocalPostgresBackends.Named(connection));
            await live.OpenAsync();
            await using var sleep = new NpgsqlCommand("select pg_sleep(600)", orphan) { CommandTimeout = 0 };
            var running = sleep.ExecuteNonQueryAsync();
            await using var source = NpgsqlDataSource.Create(connection);
            await WaitUntilActiveAsync(source);
            var said = new List<string>();

            var ended = await LocalPostgresBackends.EndOrphansAsync(source, said.Add, CancellationToken.None);

            ended.Should().Be(1, "only the backend of the process that is gone");
            said.Should().ContainSingle().Which.Should().Contain("1 of them still running a statement");
            await FluentActions.Awaiting(() => running).Should().ThrowAsync<Exception>("its backend was terminated");
            live.State.Should().Be(System.Data.ConnectionState.Open);
            await using var alive = new NpgsqlCommand("select 1", live);
            (await alive.ExecuteScalarAsync()).Should().Be(1, "this process's own connection is left alone");
        }
    }

    private static async Task WaitUntilActiveAsync(NpgsqlDataSource source)
    {
        for (var i = 0; i < 600; i++)
        {
            await using var look = source.CreateCommand("select count(*) from pg_stat_activity where query = 'select pg_sleep(600)' and state = 'active'");
            if ((long)(await look.ExecuteScalarAsync())! > 0) return;
            await Task.Delay(50);
        }

        throw new InvalidOperationException("the statement never started");
    }

    public void Dispose() => _folder.Dispose();
}
