namespace HealthDw.StateMachine.Tests.Definition;

public class DefinitionSubstitutionsTests
{
    private const string Definition = """
        {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "${RouteArn}", "Parameters": {"Bucket": "${Bucket}", "Again": "${RouteArn}"}, "End": true}}}
        """;

    [Fact]
    public void Placeholders_WhenDefinitionHasSome_ShouldListEachOnceInOrder()
    {
        DefinitionSubstitutions.Placeholders(Definition).Should().Equal("RouteArn", "Bucket");
    }

    [Fact]
    public void Apply_WhenEveryPlaceholderIsBound_ShouldReplaceAllOccurrences()
    {
        var json = DefinitionSubstitutions.Apply(Definition, new Dictionary<string, string>
        {
            ["RouteArn"] = "arn:aws:lambda:eu-west-1:111122223333:function:route",
            ["Bucket"] = "drops \"quoted\"",
        });

        json.Should().NotContain("${");
        json.Should().Contain("\"Again\": \"arn:aws:lambda:eu-west-1:111122223333:function:route\"");
        var definition = AslDefinition.Parse(json, "route");
        definition.StartAt.Should().Be("T");
    }

    [Fact]
    public void Apply_WhenPlaceholdersAreUnbound_ShouldNameEachMissingOne()
    {
        var act = () => DefinitionSubstitutions.Apply(Definition, new Dictionary<string, string> { ["Other"] = "x" });

        act.Should().Throw<DefinitionSubstitutionException>()
            .Where(e => e.Missing.SequenceEqual(new[] { "RouteArn", "Bucket" }))
            .WithMessage("*${RouteArn}*${Bucket}*");
    }

    [Fact]
    public void Parse_WhenPlaceholderIsLeft_ShouldPointAtSubstitution()
    {
        var act = () => AslDefinition.Parse(Definition, "route");

        act.Should().Throw<AslDefinitionException>().WithMessage("*${RouteArn}*DefinitionSubstitutions.Apply*");
    }
}
