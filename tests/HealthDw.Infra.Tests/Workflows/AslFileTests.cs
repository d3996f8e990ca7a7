using HealthDw.Infra;
using HealthDw.Infra.Tests.Support;
using HealthDw.Infra.Workflows;

namespace HealthDw.Infra.Tests.Workflows;

/// <summary>A placeholder without a binding stops the synthesis instead of deploying a definition that cannot run.</summary>
public sealed class AslFileTests
{
    [Fact]
    public void Substitutions_WhenAPlaceholderHasNoBinding_ShouldNameIt()
    {
        var asl = new AslFile("x", """{ "a": "${KnownArn}", "b": "${UnknownArn}", "c": "${OtherArn}" }""");
        var act = () => asl.Substitutions(new Dictionary<string, string> { ["KnownArn"] = "arn" });
        act.Should().Throw<InvalidOperationException>().WithMessage("*x.asl.json uses ${OtherArn}, ${UnknownArn} with no binding*");
    }

    [Fact]
    public void Substitutions_WhenBindingsHoldMore_ShouldPassOnlyThePlaceholdersTheFileUses()
    {
        var asl = AslFile.Load(new RepoLayout(RepoPaths.Root), "publish-drop");
        var bindings = new[] { "DropStatusFunctionArn", "NotifyFunctionArn", "PublishDropFunctionArn", "RouteFileFunctionArn" }
            .ToDictionary(k => k, k => "arn:" + k);
        asl.Substitutions(bindings).Keys.Should().BeEquivalentTo("DropStatusFunctionArn", "NotifyFunctionArn", "PublishDropFunctionArn");
    }
}
