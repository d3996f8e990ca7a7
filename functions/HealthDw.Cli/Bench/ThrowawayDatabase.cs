using Npgsql;

namespace HealthDw.Cli.Bench;

/// <summary>A database of the benches' own on a PostgreSQL server, created afresh and dropped after, so the warehouse the
/// user works in is left as it was.</summary>
public static class ThrowawayDatabase
{
    /// <summary>Drops any leftover of <paramref name="name"/>, creates it empty and returns its connection string.</summary>
    public static async Task<string> CreateAsync(string server, string name, CancellationToken ct)
    {
        await DropAsync(server, name, ct);
        await using var source = NpgsqlDataSource.Create(server);
        await using var create = source.CreateCommand($"create database {name}");
        await create.ExecuteNonQueryAsync(ct);
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>Drops the database, closing this process's pooled connections to it first.</summary>
    public static async Task DropAsync(string server, string name, CancellationToken ct)
    {
        NpgsqlConnection.ClearAllPools();
        await using var source = NpgsqlDataSource.Create(server);
        await using var drop = source.CreateCommand($"drop database if exists {name} with (force)");
        await drop.ExecuteNonQueryAsync(ct);
    }
}
