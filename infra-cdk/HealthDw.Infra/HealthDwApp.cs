using Amazon.CDK;
using HealthDw.Infra.Configuration;
using HealthDw.Infra.Steps;

namespace HealthDw.Infra;

/// <summary>
/// Builds the app's stacks: every stage of infra-cdk/stages.json, or only the one the context value
/// <c>stage</c> names (<c>cdk deploy -c stage=prod</c>). The entry point and the tests both call this.
/// </summary>
public static class HealthDwApp
{
    public const string StageContextKey = "stage";

    public static IReadOnlyList<HealthDwStack> AddStacks(App app)
    {
        var layout = RepoLayout.Discover(app.Node.TryGetContext(RepoLayout.RootContextKey) as string);
        var stages = StageFile.Load(layout.StagesFile);
        if (app.Node.TryGetContext(StageContextKey) is string { Length: > 0 } only)
        {
            stages = stages.Where(s => s.Name == only).ToList() is { Count: 1 } chosen
                ? chosen
                : throw new InvalidOperationException($"-c stage={only}: no such stage in {layout.StagesFile} ({string.Join(", ", stages.Select(s => s.Name))})");
        }

        var placeholder = IsTrue(app.Node.TryGetContext(LambdaPackage.PlaceholderContextKey));
        var layers = ContextMap.Read(app.Node.TryGetContext(ExtensionLayer.ContextKey));
        // An asset belongs to one stack: each stage gets its own Code for the same package.
        return stages.Select(stage => new HealthDwStack(app,
            new HealthDwStackInputs(stage, layout, LambdaPackage.Resolve(layout, placeholder), layers))).ToList();
    }

    private static bool IsTrue(object? value) => value is true || (value is string s && bool.TryParse(s, out var b) && b);
}
