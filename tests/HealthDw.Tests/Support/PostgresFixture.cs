using HealthDw.Cli.Local;
using Npgsql;

namespace HealthDw.Tests.Support;

/// <summary>One real PostgreSQL server for the whole test run, started from the machine's binaries
/// by the same code the CLI uses; each test gets a database of its own.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private readonly TempFolder _folder = new("healthdw-pg");
    private LocalPostgresServer _server = null!;
    private string _admin = "";
    private int _databases;

    public async Task InitializeAsync()
    {
        _server = new LocalPostgresServer(_folder.Combine("pg"), durable: false);
        _admin = await _server.EnsureStartedAsync(CancellationToken.None);
    }

    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"t{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..20];
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"create database {name}", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(_admin) { Database = name }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await _server.StopAsync(CancellationToken.None);
        _folder.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
