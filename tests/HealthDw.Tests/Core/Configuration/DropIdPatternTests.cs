using HealthDw.Hosting.Configuration;
using HealthDw.Core.Configuration;
using HealthDw.Core.Routing;

namespace HealthDw.Tests.Core.Configuration;

/// <summary>
/// A route's (?&lt;drop&gt;...) group names the publish execution drop-&lt;id&gt;, so it must not capture what Step
/// Functions refuses in an execution name (API Reference, StartExecution, "name": whitespace, &lt; &gt; { } [ ],
/// ? *, " # % \ ^ | ~ ` $ &amp; , ; : /, control characters; at most 80 characters).
/// </summary>
public class DropIdPatternTests
{
    private const string Contract = """
        table: t_one
        primary_key: [ID]
        columns:
          - { name: ID, type: bigint, nullable: false }
        """;

    private static PipelineConfig Load(string routes) =>
        PipelineConfigLoader.Load([new ConfigFile("routes.yml", routes), new ConfigFile("contracts/one.yml", Contract)]);

    private static string Route(string pattern) => $"routes:\n  - table: t_one\n    pattern: '{pattern}'\n";

    [Theory]
    [InlineData(@"^t_one_(?<drop>.+)\.csv$", "'.'")]
    [InlineData(@"^t_one_(?<drop>\S+)\.csv$", @"\S")]
    [InlineData(@"^t_one_(?<drop>[^_]+)\.csv$", "negated")]
    [InlineData(@"^t_one_(?<drop>[0-9 ]+)\.csv$", "U+0020")]
    [InlineData(@"^t_one_(?<drop>[0-9:]+)\.csv$", "':'")]
    [InlineData(@"^t_one_(?<drop>\d{8}T\d{2}:\d{2})\.csv$", "':'")]
    [InlineData(@"^t_one_(?<drop>[\d#]+)\.csv$", "'#'")]
    [InlineData(@"^t_one_(?<drop>[+-/]+)\.csv$", "'/'")]
    [InlineData(@"^t_one_(?<drop>\d+\s\d+)\.csv$", @"\s")]
    [InlineData(@"^t_one_(?<drop>[\w.]+%)\.csv$", "'%'")]
    public void Load_WhenARoutesDropGroupCanCaptureARefusedCharacter_ShouldNameTheRouteAndLine(string pattern, string named)
    {
        var act = () => Load("# a comment line\n" + Route(pattern));

        var error = act.Should().Throw<ConfigException>().Which;
        error.Message.Should().Contain("routes.yml").And.Contain(":4").And.Contain("the route for t_one").And.Contain(named);
    }

    [Fact]
    public void Load_WhenTheManifestsDropGroupCanCaptureARefusedCharacter_ShouldNameIt()
    {
        var act = () => Load("control:\n  manifest: '^_manifest_(?<drop>.*)\\.json$'\n" + Route(@"^t_one_(?<drop>\d+)\.csv$"));

        act.Should().Throw<ConfigException>().Which.Message.Should().Contain("control.manifest");
    }

    [Theory]
    [InlineData(@"^t_one_(?<drop>\d{8}T\d{4})(?:_part(?<part>\d+))?\.csv$")]
    [InlineData(@"^t_one_(?<drop>[0-9A-Za-z_-]{1,40})\.csv$")]
    [InlineData(@"^t_one_(?<drop>\w+(?:\.\w+)?)\.csv$")]
    [InlineData(@"^t_one_(?<drop>(?:\d{4}|[a-f]{2})-\d+)\.csv$")]
    public void Load_WhenTheDropGroupCapturesOnlyAllowedCharacters_ShouldLoad(string pattern)
    {
        var act = () => Load(Route(pattern));

        act.Should().NotThrow();
    }

    [Fact]
    public void Load_WhenTheShippedFilePatternIsUsed_ShouldLoad() =>
        ConfigFolder.Load(HealthDw.Tests.Support.Repo.ConfigFolder).Routes.Routes.Should().NotBeEmpty();

    [Fact]
    public void Resolve_WhenTheCapturedDropIdIsLongerThanAnExecutionNameAllows_ShouldRefuseTheFileAsUnknown()
    {
        var routes = Load(Route(@"^t_one_(?<drop>\d+)\.csv$")).Routes;
        var longest = new string('1', DropIds.MaxLength);

        routes.Resolve($"t_one_{longest}.csv").Kind.Should().Be(RouteKind.Routed);
        var refused = routes.Resolve($"t_one_{longest}1.csv");
        refused.Kind.Should().Be(RouteKind.Unknown);
        refused.Reason.Should().Contain("the route for t_one").And.Contain("1 to 75 characters");
    }

    [Theory]
    [InlineData("20261121T0200", null)]
    [InlineData("a:b", "':'")]
    [InlineData("a b", "U+0020")]
    [InlineData("a\u0085b", "U+0085")]
    [InlineData("a\uFFFEb", "U+FFFE")]
    [InlineData("", "1 to 75")]
    public void Problem_WhenTheIdBreaksTheExecutionNameRules_ShouldSayWhich(string id, string? problem)
    {
        var found = DropIds.Problem(id);

        if (problem is null) found.Should().BeNull();
        else found.Should().Contain(problem);
    }

    [Fact]
    public void Problem_WhenTheIdHasALoneSurrogate_ShouldRefuseIt() =>
        DropIds.Problem("a" + (char)0xD800 + "b").Should().Contain("U+D800");

    [Fact]
    public void Load_WhenTheDropDeadlineIsLongerThanPublishDropWaits_ShouldRefuseIt()
    {
        var act = () => Load("drop_deadline_hours: 30\n" + Route(@"^t_one_(?<drop>\d+)\.csv$"));

        act.Should().Throw<ConfigException>().Which.Message.Should().Contain("at most 23");
    }
}
