namespace HealthDw.StateMachine.Tests.Definition;

public class RepositoryDefinitionsTests
{
    [Fact]
    public void Load_WhenEachRepositoryDefinitionIsRead_ShouldBeAValidDefinition()
    {
        var folder = Path.Combine(RepositoryRoot(), "statemachine");
        var files = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.asl.json") : [];

        foreach (var file in files)
        {
            var placeholders = DefinitionSubstitutions.Placeholders(File.ReadAllText(file));
            var bindings = placeholders.ToDictionary(p => p, p => $"arn:aws:lambda:local:000000000000:function:{p}");

            var act = () => AslDefinition.Load(file, bindings);

            act.Should().NotThrow($"{Path.GetFileName(file)} must be a definition this interpreter can run");
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HealthDwServerless.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("HealthDwServerless.sln not found above " + AppContext.BaseDirectory);
    }
}
