using System.Text.Json;
using HealthDw.Functions.Runtime;

namespace HealthDw.Cloud.Tests.Runtime;

public sealed class EmbeddedMetricWriterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Write_WhenGivenMetrics_ShouldWriteOneSpecShapedLine()
    {
        var output = new StringWriter();

        new EmbeddedMetricWriter(output, new FixedClock(Now)).Write("route-file",
            new MetricValue("Duration", MetricUnit.Milliseconds, 12.5), new MetricValue("RowsLoaded", MetricUnit.Count, 1000));

        output.ToString().Should().Be(
            """{"_aws":{"Timestamp":1795226400000,"CloudWatchMetrics":[{"Namespace":"HealthDw","Dimensions":[["Step"]],"Metrics":[{"Name":"Duration","Unit":"Milliseconds"},{"Name":"RowsLoaded","Unit":"Count"}]}]},"Step":"route-file","Duration":12.5,"RowsLoaded":1000}"""
            + Environment.NewLine);
        using var parsed = JsonDocument.Parse(output.ToString());
        parsed.RootElement.GetProperty("_aws").GetProperty("Timestamp").GetInt64().Should().Be(Now.ToUnixTimeMilliseconds());
    }

    [Fact]
    public void UnitName_WhenRateUnit_ShouldUseTheSpecSpelling()
    {
        EmbeddedMetricWriter.UnitName(MetricUnit.CountPerSecond).Should().Be("Count/Second");
        EmbeddedMetricWriter.UnitName(MetricUnit.BytesPerSecond).Should().Be("Bytes/Second");
    }

    [Theory]
    [InlineData("Step")]
    [InlineData("_aws")]
    [InlineData("")]
    public void Write_WhenMetricNameIsReservedOrEmpty_ShouldThrow(string name)
    {
        var write = () => new EmbeddedMetricWriter(new StringWriter(), TimeProvider.System)
            .Write("route-file", new MetricValue(name, MetricUnit.Count, 1));

        write.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Write_WhenMetricRepeats_ShouldThrow()
    {
        var write = () => new EmbeddedMetricWriter(new StringWriter(), TimeProvider.System).Write("route-file",
            new MetricValue("Rows", MetricUnit.Count, 1), new MetricValue("Rows", MetricUnit.Count, 2));

        write.Should().Throw<ArgumentException>().WithMessage("*'Rows'*");
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
