using System.Text.Json;
using Amazon.CDK;
using Amazon.CDK.Assertions;
using HealthDw.Infra.Configuration;
using HealthDw.Infra.Steps;
using HealthDw.Infra.Tests.Support;
using static HealthDw.Infra.Tests.Support.Json;

namespace HealthDw.Infra.Tests.Configuration;

/// <summary>
/// A stage unlike the shipped ones: no account or region (the deploying credentials decide) and an alarm
/// address. In the shared collection, so it reuses the running jsii process.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed class StageVariantTests(SynthesizedApp shared) : IDisposable
{
    private readonly string _outdir = Path.Combine(Path.GetTempPath(), "healthdw-infra-variant-" + Guid.NewGuid().ToString("N"));

    private Template Synthesize(Func<StageSettings, StageSettings> change)
    {
        _ = shared; // the collection's app started the jsii runtime
        var layout = new RepoLayout(RepoPaths.Root);
        var stage = change(StageFile.Load(layout.StagesFile).Single(s => s.Name == "dev"));
        using var cdkJson = JsonDocument.Parse(File.ReadAllText(layout.CdkJson));
        var layers = cdkJson.RootElement.GetProperty("context").GetProperty(ExtensionLayer.ContextKey).EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString()!);
        var app = new App(new AppProps { Outdir = _outdir, Context = SynthesizedApp.CdkJsonContext() });
        var stack = new HealthDwStack(app, new HealthDwStackInputs(stage, layout, LambdaPackage.Resolve(layout, false), layers));
        return Template.FromStack(stack);
    }

    [Fact]
    public void Stage_WhenItNamesNoRegion_ShouldPickTheExtensionLayerFromARegionMappingAndSubscribeTheAlarmAddress()
    {
        var template = Synthesize(s => s with { Name = "qa", Region = null, Account = null, AlarmEmail = "data-oncall@example.org" });

        template.HasMapping("ParamsAndSecretsLayer", Like(
            ("us-east-1", Obj(("arn", Match.StringLikeRegexp("^arn:aws:lambda:us-east-1:\\d{12}:layer:AWS-Parameters-and-Secrets-Lambda-Extension:\\d+$")))),
            ("eu-west-1", Obj(("arn", Match.StringLikeRegexp("^arn:aws:lambda:eu-west-1:"))))));
        template.AllResourcesProperties("AWS::Lambda::Function", Like(("Layers", Arr(Obj(
            ("Fn::FindInMap", Arr("ParamsAndSecretsLayer", Obj(("Ref", "AWS::Region")), "arn")))))));
        template.HasResourceProperties("AWS::SNS::Subscription", Obj(
            ("Protocol", "email"), ("Endpoint", "data-oncall@example.org"), ("TopicArn", Ids.Ref("AlarmTopic"))));
        template.HasResourceProperties("AWS::Lambda::Function", Like(("FunctionName", "healthdw-qa-route-file")));
    }

    [Fact]
    public void Stage_WhenItsRegionHasNoLayerArn_ShouldStopTheSynthesisSayingSo()
    {
        var act = () => Synthesize(s => s with { Name = "far", Region = "ap-south-2" });
        act.Should().Throw<Exception>().WithMessage("*ap-south-2*cdk.json*");
    }

    public void Dispose()
    {
        if (Directory.Exists(_outdir)) Directory.Delete(_outdir, recursive: true);
    }
}
