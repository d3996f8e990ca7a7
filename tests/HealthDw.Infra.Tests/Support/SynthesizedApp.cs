using System.Text.Json;
using Amazon.CDK;
using HealthDw.Infra;

namespace HealthDw.Infra.Tests.Support;

/// <summary>
/// The CDK app, synthesised once for the whole test run (the first synthesis starts the jsii runtime and
/// takes seconds; every test then reads the same templates). It is built as `cdk synth` builds it: the
/// context of infra-cdk/cdk.json, every stage of stages.json, and the real package from ./build-lambda.sh.
/// </summary>
public sealed class SynthesizedApp : IDisposable
{

    public SynthesizedApp()
    {
        System.Environment.SetEnvironmentVariable("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20");
        var package = Path.Combine(RepoPaths.Root, "artifacts", "lambda", "healthdw-lambda.zip");
        if (!File.Exists(package))
            throw new InvalidOperationException($"{package} is missing: run ./build-lambda.sh (test.sh does) before these tests");

        var context = CdkJsonContext();
        context[RepoLayout.RootContextKey] = RepoPaths.Root;
        var app = new App(new AppProps { Outdir = Outdir, Context = context });
        Stacks = HealthDwApp.AddStacks(app);
        var assembly = app.Synth();
        Templates = Stacks.ToDictionary(s => s.StackName,
            s => new SynthesizedStack(s.StackName, File.ReadAllText(assembly.GetStackByName(s.StackName).TemplateFullPath)));
    }

    /// <summary>The cloud assembly: templates, asset manifests and the staged assets.</summary>
    public string Outdir { get; } = Path.Combine(Path.GetTempPath(), "healthdw-infra-tests-" + Guid.NewGuid().ToString("N"));

    public IReadOnlyList<HealthDwStack> Stacks { get; }

    public IReadOnlyDictionary<string, SynthesizedStack> Templates { get; }

    public SynthesizedStack Dev => Templates["HealthDw-dev"];

    public SynthesizedStack Prod => Templates["HealthDw-prod"];

    public void Dispose()
    {
        try
        {
            Directory.Delete(Outdir, recursive: true);
        }
        catch (IOException)
        {
            // a temp folder left behind is harmless
        }
    }

    /// <summary>cdk.json's "context", as the CLI would hand it to the app.</summary>
    public static Dictionary<string, object> CdkJsonContext()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.InfraCdk, "cdk.json")));
        return json.RootElement.GetProperty("context").EnumerateObject().ToDictionary(p => p.Name, p => ToPlain(p.Value));
    }

    private static object ToPlain(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => value.EnumerateObject().ToDictionary(p => p.Name, p => ToPlain(p.Value)),
        JsonValueKind.Array => value.EnumerateArray().Select(ToPlain).ToArray(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => value.GetDouble(),
        _ => value.GetString() ?? "",
    };
}
