using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using HealthDw.Cli.Local;
using HealthDw.Core.Pipeline;
using HealthDw.Functions;
using HealthDw.Hosting.Configuration;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Workflow;

/// <summary>
/// statemachine/steps.json against everything that spells the same names: the definitions' placeholders, the handler
/// table, the local bindings and the bucket's layout. (The CDK app's side: HealthDw.Infra.Tests' StepContractTests.)
/// A name added in one place and not in the others fails here.
/// </summary>
public partial class StepContractTests
{
    private static StepContract Contract => StepContract.Shipped;

    public static TheoryData<string> Definitions() => DefinitionTests.Definitions();

    [Fact]
    public void Shipped_ShouldBeTheFileInStatemachine()
    {
        var file = StepContract.Parse(File.ReadAllBytes(Path.Combine(Repo.Root, "statemachine", StepContract.FileName)));

        Contract.Steps.Should().BeEquivalentTo(file.Steps, o => o.WithStrictOrdering());
        Contract.StateMachines.Should().BeEquivalentTo(file.StateMachines, o => o.WithStrictOrdering());
        Contract.Bucket.Should().BeEquivalentTo(file.Bucket);
    }

    [Fact]
    public void StateMachines_ShouldBeTheDefinitionsInStatemachine() =>
        Contract.StateMachines.Select(m => m.Name + ".asl.json").Should()
            .BeEquivalentTo(Definitions().Cast<object[]>().Select(d => (string)d[0]), "every definition is in steps.json, and every state machine there has one");

    [Theory]
    [MemberData(nameof(Definitions))]
    public void Placeholders_ShouldBeTheOnesTheContractGivesThatStateMachine(string file)
    {
        var text = File.ReadAllText(Path.Combine(Repo.Root, "statemachine", file));
        var used = Placeholder().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

        used.Should().BeEquivalentTo(Contract.PlaceholdersOf(file[..^".asl.json".Length]),
            "each ${...} of the definition is a step or state machine whose usedIn names it in steps.json, and no other");
    }

    [Fact]
    public void HandlerTable_ShouldHandleExactlyTheContractsSteps()
    {
        var (config, analytics) = ConfigFolder.LoadAll(Repo.ConfigFolder);
        // Only the table's names are looked at: no handler runs, so no adapter is needed.
        var table = new StepHandlerTable(new StepPorts(config, analytics, null!, null!, null!, null!, null!, null!, null!, null!, null!, null!, _ => null));

        table.Handlers.Keys.Should().BeEquivalentTo(Contract.Steps.Select(s => s.Handler),
            "every step in steps.json has a handler, and no handler exists that steps.json lacks");
    }

    [Fact]
    public void LocalBindings_ShouldBindExactlyTheContractsPlaceholders()
    {
        var expected = Contract.Steps.ToDictionary(s => s.Placeholder, s => LocalBindings.FunctionArn(s.Handler));
        foreach (var machine in Contract.StateMachines.Where(m => m.Placeholder is not null))
            expected[machine.Placeholder!] = LocalBindings.StateMachineArn(machine.Name);

        LocalBindings.Values.Should().BeEquivalentTo(expected);
    }

    [Fact]
    public void BucketLayout_ShouldBeTheContractsLayout()
    {
        var prefixConstants = typeof(BucketLayout).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f is { IsLiteral: true, FieldType.Name: nameof(String) }).Select(f => (string)f.GetValue(null)!).Where(v => v.EndsWith('/'));

        prefixConstants.Should().BeEquivalentTo(Contract.Bucket.Prefixes.Values, "every prefix constant of BucketLayout is in steps.json, and the other way round");
        BucketLayout.Prefixes.Should().BeEquivalentTo(Contract.Bucket.Prefixes);
        BucketLayout.UnroutedFolder.Should().Be(Contract.Bucket.UnroutedFolder);
        BucketLayout.ErrorReportSuffix.Should().Be(Contract.Bucket.ErrorReportSuffix);
        BucketLayout.ManifestFileName("20261121T0200").Should().Be(Contract.Bucket.Manifest.Replace("{drop}", "20261121T0200", StringComparison.Ordinal));
    }

    [Fact]
    public void ManifestFileName_ShouldBeTheShippedRoutesControlFile()
    {
        // Drop Status looks for the manifest under this name: a routes.yml whose control pattern named it otherwise would
        // archive the manifest where the drop's status never finds it.
        var (config, _) = ConfigFolder.LoadAll(Repo.ConfigFolder);

        var decision = config.Routes.Resolve(BucketLayout.RawKey(BucketLayout.ManifestFileName("20261121T0200")));

        decision.Kind.Should().Be(HealthDw.Core.Routing.RouteKind.Control);
        decision.DropId.Should().Be("20261121T0200");
    }

    [Theory]
    [InlineData("""{ "handler": "x", "placeholder": "XFunctionArn", "usedIn": ["ingest-files"] }""", "'x' is used in 'ingest-files'")]
    [InlineData("""{ "handler": "x", "placeholder": "RouteFileFunctionArn", "usedIn": [] }""", "a placeholder is listed twice")]
    [InlineData("""{ "handler": "route-file", "placeholder": "OtherFunctionArn", "usedIn": [] }""", "a step's handler is listed twice")]
    [InlineData("""{ "handler": "x", "placeholder": "XFunctionArn", "usedIn": [], "memory": 1 }""", "memory")]
    public void Parse_WhenTheNamesDoNotHangTogether_ShouldSayWhatIsWrong(string extraStep, string message)
    {
        var text = File.ReadAllText(Path.Combine(Repo.Root, "statemachine", StepContract.FileName));
        var broken = text.Replace("\"steps\": [", "\"steps\": [\n    " + extraStep + ",", StringComparison.Ordinal);

        var act = () => StepContract.Parse(Encoding.UTF8.GetBytes(broken));

        act.Should().Throw<InvalidDataException>().WithMessage($"statemachine/steps.json*{message}*");
    }

    [GeneratedRegex(@"\$\{([A-Za-z0-9_]+)\}")]
    private static partial Regex Placeholder();
}
