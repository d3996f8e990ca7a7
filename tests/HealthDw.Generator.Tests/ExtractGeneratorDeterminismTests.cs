using HealthDw.Generator.Tests.Support;

namespace HealthDw.Generator.Tests;

public sealed class ExtractGeneratorDeterminismTests
{
    private const string DropId = "20260315T1900";

    [Fact]
    public void Generate_WhenRunTwiceWithSameOptions_ShouldWriteByteIdenticalFiles()
    {
        var options = new GeneratorOptions(0.02, 7, DropId, PartBytes: 128 * 1024, Faults: true);
        var first = new InMemoryDropWriter();
        var second = new InMemoryDropWriter();

        var firstDrop = new ExtractGenerator().Generate(options, first);
        var secondDrop = new ExtractGenerator().Generate(options, second);

        second.Paths.Should().BeEquivalentTo(first.Paths);
        foreach (var path in first.Paths)
        {
            second.Read(path).Should().Equal(first.Read(path), $"{path} is deterministic");
        }

        secondDrop.Files.Should().Equal(firstDrop.Files);
        secondDrop.Faults.Should().Equal(firstDrop.Faults);
    }

    [Fact]
    public void Generate_WhenSeedDiffers_ShouldWriteDifferentData()
    {
        var first = new InMemoryDropWriter();
        var second = new InMemoryDropWriter();

        var a = new ExtractGenerator().Generate(new GeneratorOptions(0.01, 1, DropId), first);
        var b = new ExtractGenerator().Generate(new GeneratorOptions(0.01, 2, DropId), second);

        b.Files.Select(f => f.Name).Should().Equal(a.Files.Select(f => f.Name));
        foreach (var table in new[] { "register_users", "chart_appointment", "billing_claim" })
        {
            var name = a.Files.Single(f => f.Table == table).Name;
            second.Read(name).Should().NotEqual(first.Read(name), $"{table} depends on the seed");
        }
    }

    [Fact]
    public void Generate_WhenDropIdDiffers_ShouldKeepKeysAndMoveTimestamps()
    {
        var first = new GeneratedDropFiles(new GeneratorOptions(0.01, 5, "20261121T0200"));
        var second = new GeneratedDropFiles(new GeneratorOptions(0.01, 5, "20261121T1900"));

        second.Table("chart_appointment").Values("APPTPK").Should().Equal(first.Table("chart_appointment").Values("APPTPK"));
        second.Table("register_users").Values("UID").Should().Equal(first.Table("register_users").Values("UID"));
        second.Table("chart_appointment").Values("UPDATE_AT").Should().NotEqual(first.Table("chart_appointment").Values("UPDATE_AT"));
    }

    [Fact]
    public void Generate_WhenDone_ShouldDisposeEveryStreamItCreated()
    {
        var writer = new InMemoryDropWriter();

        new ExtractGenerator().Generate(new GeneratorOptions(0.01, 3, DropId, PartBytes: 64 * 1024, Faults: true), writer);

        writer.AllDisposed.Should().BeTrue();
    }
}
