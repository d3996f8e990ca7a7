using System.Net;
using System.Net.Sockets;
using HealthDw.Tests.Support;
using HealthDw.Cli.Local;
using Npgsql;

namespace HealthDw.Tests.Warehouse;

/// <summary>
/// PostgreSQL cannot bind a port the OS picks, so its port is chosen, released, then bound by the server: with six test
/// processes each starting a server, another can take the port in between. A start must then try another port.
/// </summary>
public sealed class LocalPostgresServerPortTests
{
    [Fact]
    public async Task EnsureStarted_WhenTheChosenPortIsTakenBeforeTheServerBindsIt_ShouldStartOnAnotherPort()
    {
        using var folder = new TempFolder("healthdw-pgport");
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var taken = ((IPEndPoint)squatter.LocalEndpoint).Port;
        var chosen = new List<int>();
        var server = new LocalPostgresServer(folder.Combine("pg"), durable: false, choosePort: () =>
        {
            var port = chosen.Count == 0 ? taken : FreePort();
            chosen.Add(port);
            return port;
        });

        try
        {
            var connection = await server.EnsureStartedAsync(CancellationToken.None);

            chosen.Should().HaveCount(2).And.StartWith(taken);
            new NpgsqlConnectionStringBuilder(connection).Port.Should().Be(chosen[1]);
            await using var open = new NpgsqlConnection(connection);
            await open.OpenAsync();
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await server.StopAsync(CancellationToken.None);
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
