namespace HealthDw.StateMachine.Tests.Conformance;

/// <summary>Runs every fixture under Conformance/ (see <see cref="ConformanceCase"/> for the format).</summary>
public class ConformanceTests
{
    public static IEnumerable<object[]> Cases() =>
        Directory.EnumerateFiles(ConformanceCase.Root, "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(ConformanceCase.Root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .Select(f => new object[] { f });

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Run_WhenFixtureIsExecuted_ShouldMatchExpected(string fixture) => ConformanceCase.Load(fixture).RunAsync();

    [Fact]
    public void Cases_WhenCounted_ShouldCoverEveryArea()
    {
        var cases = Cases().Select(c => (string)c[0]).ToList();
        cases.Should().HaveCountGreaterThanOrEqualTo(150);
        cases.Select(c => c.Split('/')[0]).Distinct().Should().Contain(
            ["paths", "parameters", "pass", "task", "choice", "wait", "succeed-fail", "parallel", "map", "intrinsics", "retry", "catch", "timeout", "start-execution", "validation", "context"]);
    }
}
