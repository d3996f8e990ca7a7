using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HealthDw.Core.Pipeline;
using HealthDw.Infra.Configuration;
using HealthDw.Infra.Steps;
using HealthDw.Infra.Tests.Support;

namespace HealthDw.Infra.Tests.Steps;

/// <summary>
/// The CDK app's side of the step contract (statemachine/steps.json): one function per step with the contract's handler
/// and placeholder, one state machine per definition, and no bucket prefix that <see cref="BucketLayout"/> does not own.
/// (The definitions, the handler table and the local bindings: HealthDw.Tests' StepContractTests.)
/// </summary>
[Collection(InfraCollection.Name)]
public sealed partial class StepContractTests(SynthesizedApp app)
{
    private static StepContract Contract => StepContract.Shipped;

    [Fact]
    public void For_WhenTheContractHasAStepTheCatalogLacks_ShouldNameIt()
    {
        var contract = Contract with
        {
            Steps = [.. Contract.Steps, new ContractStep { Handler = "replay-file", Placeholder = "ReplayFileFunctionArn", UsedIn = ["ingest-file"] }],
        };

        var act = () => StepCatalog.For(new ConcurrencySettings(), contract);

        act.Should().Throw<InvalidOperationException>().WithMessage("statemachine/steps.json has step(s) replay-file that StepCatalog gives no size or permissions");
    }

    [Fact]
    public void For_WhenTheCatalogHasAStepTheContractLacks_ShouldNameIt()
    {
        var contract = Contract with { Steps = Contract.Steps.Where(s => s.Handler != "notify").ToList() };

        var act = () => StepCatalog.For(new ConcurrencySettings(), contract);

        act.Should().Throw<InvalidOperationException>().WithMessage("StepCatalog has step(s) notify that statemachine/steps.json lacks");
    }

    [Fact]
    public void For_WhenTheNamesAgree_ShouldGiveEachStepTheContractsPlaceholderInItsOrder() =>
        StepCatalog.For(new ConcurrencySettings(), Contract).Select(s => (s.Handler, s.Placeholder))
            .Should().Equal(Contract.Steps.Select(s => (s.Handler, s.Placeholder)));

    [Fact]
    public void Stack_WhenSynthesized_ShouldDeployEveryContractStepAndStateMachine()
    {
        app.Dev.OfType("AWS::Lambda::Function").Values.Select(f => f["Properties"]!["Handler"]!.GetValue<string>())
            .Should().BeEquivalentTo(Contract.Steps.Select(s => s.Handler));
        app.Dev.OfType("AWS::StepFunctions::StateMachine").Values.Select(m => m["Properties"]!["StateMachineName"]!.GetValue<string>())
            .Should().BeEquivalentTo(Contract.StateMachines.Select(m => $"healthdw-dev-{m.Name}"));
    }

    [Fact]
    public void BucketPrefixes_InPoliciesTheRuleAndTheLifecycle_ShouldAllBeBucketLayouts()
    {
        // Every key prefix the template spells out: in IAM resources ("/raw_files/*" after the bucket's ARN), the Snowflake
        // role's s3:prefix condition, the EventBridge rule's key filter and the lifecycle rules. The access-log bucket's own
        // prefix (data-bucket/) is not a key of the drop bucket.
        var prefixes = app.Dev.Resources.Where(r => !r.Key.StartsWith("AccessLog", StringComparison.Ordinal))
            .SelectMany(r => Strings(r.Value!)).Select(s => KeyPrefix().Match(s)).Where(m => m.Success)
            .Select(m => m.Groups["prefix"].Value).ToHashSet(StringComparer.Ordinal);

        prefixes.Should().BeEquivalentTo(BucketLayout.Prefixes.Values, "the CDK app uses exactly the prefixes the steps use");
        var rule = app.Dev.OfType("AWS::Events::Rule").Values.Single(r => r!["Properties"]!["EventPattern"]!["source"]![0]!.GetValue<string>() == "aws.s3");
        rule["Properties"]!["EventPattern"]!["detail"]!["object"]!["key"]![0]!["prefix"]!.GetValue<string>().Should().Be(BucketLayout.Raw);
    }

    private static IEnumerable<string> Strings(JsonNode node) => node switch
    {
        JsonObject o => o.Where(p => p.Key != "LoggingConfiguration" && p.Value is not null).SelectMany(p => Strings(p.Value!)),
        JsonArray a => a.OfType<JsonNode>().SelectMany(n => Strings(n)),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };

    [GeneratedRegex(@"^/?(?<prefix>[a-z0-9_-]+/)\*?$")]
    private static partial Regex KeyPrefix();
}
