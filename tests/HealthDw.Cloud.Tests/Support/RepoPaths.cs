namespace HealthDw.Cloud.Tests.Support;

/// <summary>Where the repository's files are, found from the test assembly's folder.</summary>
public static class RepoPaths
{
    public static string Root()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "HealthDwServerless.sln"))) return folder.FullName;
        }

        throw new InvalidOperationException($"no HealthDwServerless.sln above {AppContext.BaseDirectory}");
    }
}
