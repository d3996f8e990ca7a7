using HealthDw.Generator.Tests.Support;

namespace HealthDw.Generator.Tests;

public sealed class GeneratorOptionsTests
{
    [Theory]
    [InlineData("2026-11-21T02:00")]
    [InlineData("20261121")]
    [InlineData("20261341T0200")]
    public void Generate_WhenDropIdIsMalformed_ShouldThrowBeforeWritingAnything(string dropId)
    {
        var writer = new InMemoryDropWriter();

        var act = () => new ExtractGenerator().Generate(new GeneratorOptions(0.01, 1, dropId), writer);

        act.Should().Throw<ArgumentException>().WithMessage("*yyyyMMddTHHmm*");
        writer.Paths.Should().BeEmpty();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    public void Generate_WhenScaleIsNotPositive_ShouldThrow(double scale)
    {
        var act = () => new ExtractGenerator().Generate(new GeneratorOptions(scale, 1, "20261121T0200"), new InMemoryDropWriter());

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
