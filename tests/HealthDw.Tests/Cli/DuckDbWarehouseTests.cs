using HealthDw.Cli.Local;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Cli;

/// <summary>The embedded warehouse from the command line (issue 14): chosen with HEALTHDW_WAREHOUSE, a file in the state
/// folder, no PostgreSQL server involved.</summary>
public class DuckDbWarehouseTests
{
    [Theory]
    [InlineData("duckdb", null, "warehouse.duckdb")]
    [InlineData("", null, "warehouse.duckdb")]
    [InlineData("postgres-local", null, null)]
    [InlineData("Host=db.example;Username=etl;Database=dw", "Host=db.example;Username=etl;Database=dw", null)]
    public void WithWarehouse_WhenHealthDwWarehouseNamesAChoice_ShouldPickThatWarehouse(string choice, string? connection, string? duckDbFile)
    {
        var settings = new LocalSettings("/state", "/config", "/bucket", "Host=old");

        var chosen = LocalSettings.WithWarehouse(settings, choice);

        chosen.WarehouseConnection.Should().Be(connection);
        chosen.DuckDbFile.Should().Be(duckDbFile is null ? null : Path.Combine("/state", duckDbFile));
    }

    [Fact]
    public void WithWarehouse_WhenItNamesADuckDbFile_ShouldUseThatFile()
    {
        var chosen = LocalSettings.WithWarehouse(new LocalSettings("/state", "/config", "/bucket", null), "duckdb:/data/dw.duckdb");

        (chosen.WarehouseConnection, chosen.DuckDbFile).Should().Be(((string?)null, "/data/dw.duckdb"));
    }

    [Fact]
    public async Task Demo_WhenNoWarehouseIsChosen_ShouldLoadIntoDuckDbAndPublishThenLoadNothingTheSecondTime()
    {
        using var folder = new TempFolder();
        var settings = LocalSettings.WithWarehouse(
            new LocalSettings(folder.Combine(".healthdw"), TestConfig.SmallDrops, folder.Combine(".healthdw", "bucket"), null), null);

        var (exit, output) = await TestPipeline.CliAsync(settings, 200, "demo", "--scale", "0.01");
        var (again, secondOutput) = await TestPipeline.CliAsync(settings, 200, "demo", "--scale", "0.01");
        var (status, statusOutput) = await TestPipeline.CliAsync(settings, 200, "status");

        exit.Should().Be(0, output);
        output.Should().Contain("published:");
        again.Should().Be(0, secondOutput);
        secondOutput.Should().Contain("nothing was added");
        status.Should().Be(0, statusOutput);
        File.Exists(settings.DuckDbFile).Should().BeTrue();
        Directory.Exists(folder.Combine(".healthdw", "pg")).Should().BeFalse("no PostgreSQL server was started");
        output.Should().NotContain("PostgreSQL", "the demo on DuckDB says nothing of a server it does not start");
    }

    [Fact]
    public async Task Bench_WhenDuckDbIsTheWarehouse_ShouldCompareTheLoadStepWithDuckDbsOwnCopyAndLeaveTheWarehouseAlone()
    {
        using var folder = new TempFolder();
        var settings = LocalSettings.WithWarehouse(
            new LocalSettings(folder.Combine(".healthdw"), TestConfig.SmallDrops, folder.Combine(".healthdw", "bucket"), null), "duckdb");

        var (exit, output) = await TestPipeline.CliAsync(settings, 250, "bench", "--rows", "2000");

        exit.Should().Be(0, output);
        output.Should().Contain("DuckDB COPY rows/s").And.Contain("2,000");
        File.Exists(settings.DuckDbFile).Should().BeFalse("the bench runs in a throwaway file, not in the warehouse");
        Directory.Exists(folder.Combine(".healthdw", "pg")).Should().BeFalse("no PostgreSQL server was started");
    }
}
