namespace HealthDw.Infra.Tests.Support;

/// <summary>Paths in the repository, found from the test assembly's folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string InfraCdk => Path.Combine(Root, "infra-cdk");

    public static string Workflows => Path.Combine(Root, ".github", "workflows");

    public static string Snapshots => Path.Combine(Root, "tests", "HealthDw.Infra.Tests", "Snapshots");

    public static string CdkCli => Path.Combine(Root, "tests", "node_modules", ".bin", "cdk");

    public static string StateMachine(string name) => Path.Combine(Root, "statemachine", name + ".asl.json");

    /// <summary>The CDK app as this test run built it: infra-cdk/HealthDw.Infra/bin/&lt;Configuration&gt;/net10.0/.</summary>
    public static string InfraAppDll
    {
        get
        {
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = framework.Parent!.Name;
            return Path.Combine(InfraCdk, "HealthDw.Infra", "bin", configuration, framework.Name, "HealthDw.Infra.dll");
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HealthDwServerless.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("the repository root (HealthDwServerless.sln) is not above " + AppContext.BaseDirectory);
    }
}
