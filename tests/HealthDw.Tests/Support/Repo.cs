namespace HealthDw.Tests.Support;

/// <summary>Paths in the repository, found from the test's working folder.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string ConfigFolder => Path.Combine(Root, "warehouse");

    public static string Fixtures => Path.Combine(Root, "tests", "HealthDw.Tests", "Fixtures");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HealthDwServerless.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("tests must run inside the repository");
    }
}
