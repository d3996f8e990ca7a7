namespace HealthDw.Infra;

/// <summary>
/// Where the app finds what it deploys: the state-machine definitions, the stage settings and the
/// Lambda package, all relative to the repository root. The root is the context value
/// <c>healthdw:repoRoot</c> when given, else the nearest folder above the working directory (or
/// the app's own folder) that holds <c>HealthDwServerless.sln</c>.
/// </summary>
public sealed record RepoLayout(string Root)
{
    public const string RootContextKey = "healthdw:repoRoot";
    private const string Marker = "HealthDwServerless.sln";

    public string StateMachineFolder => Path.Combine(Root, "statemachine");

    public string StagesFile => Path.Combine(Root, "infra-cdk", "stages.json");

    public string CdkJson => Path.Combine(Root, "infra-cdk", "cdk.json");

    /// <summary>What <c>./build-lambda.sh</c> leaves: the zipped <c>bootstrap</c> package.</summary>
    public string LambdaPackage => Path.Combine(Root, "artifacts", "lambda", "healthdw-lambda.zip");

    public string StateMachineDefinition(string name) => Path.Combine(StateMachineFolder, name + ".asl.json");

    public static RepoLayout Discover(string? root)
    {
        if (!string.IsNullOrEmpty(root))
        {
            var full = Path.GetFullPath(root);
            return File.Exists(Path.Combine(full, Marker))
                ? new RepoLayout(full)
                : throw new InvalidOperationException($"{RootContextKey} = '{root}' is not the repository root (no {Marker} there)");
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, Marker))) return new RepoLayout(dir.FullName);
            }
        }

        throw new InvalidOperationException(
            $"cannot find the repository root ({Marker}) above '{Directory.GetCurrentDirectory()}'; run cdk from infra-cdk/ or pass -c {RootContextKey}=PATH");
    }
}
