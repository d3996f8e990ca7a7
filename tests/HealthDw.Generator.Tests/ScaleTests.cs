using HealthDw.Generator.Tests.Support;

namespace HealthDw.Generator.Tests;

public sealed class ScaleTests
{
    [Fact]
    public void Generate_WhenScaleIsOne_ShouldWriteAboutAMillionRows()
    {
        var writer = new CountingDropWriter();

        var drop = new ExtractGenerator().Generate(new GeneratorOptions(1, 42, "20261121T0200"), writer);

        var rows = drop.Files.GroupBy(f => f.Table).ToDictionary(g => g.Key, g => g.Sum(f => f.Rows));
        rows.Values.Sum().Should().BeInRange(800_000, 1_300_000);
        rows["register_users"].Should().Be(10_300);
        rows["chart_provider"].Should().Be(200);
        rows["register_location"].Should().Be(20);
        rows["chart_code"].Should().Be(500);
        rows["chart_appointment"].Should().Be(300_000);
        drop.Files.Should().OnlyContain(f => f.Bytes <= 8 * 1024 * 1024);
        drop.Files.Where(f => f.Table == "chart_appointment").Should().HaveCountGreaterThan(1, "the largest table exceeds 8 MiB");
        writer.Bytes.Should().BeGreaterThan(drop.Files.Sum(f => f.Bytes), "the files and the manifest were written");
        writer.Files.Should().Be(drop.Files.Count + 1, "the files and the manifest");
    }

    [Theory]
    [InlineData(0.01, 100, 3_000)]
    [InlineData(0.1, 1_000, 30_000)]
    public void Generate_WhenScaleChanges_ShouldScaleCountsLinearly(double scale, long patients, long appointments)
    {
        var drop = new GeneratedDropFiles(new GeneratorOptions(scale, 1, "20261121T0200"));

        drop.Table("register_users").Values("USERTYPE").LongCount(t => t == "patient").Should().Be(patients);
        drop.Drop.Files.Where(f => f.Table == "chart_appointment").Sum(f => f.Rows).Should().Be(appointments);
    }
}
