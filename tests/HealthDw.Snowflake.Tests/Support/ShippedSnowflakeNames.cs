using System.Text.Json;
using HealthDw.Tests.Support;

namespace HealthDw.Snowflake.Tests.Support;

/// <summary>The Snowflake names a deployed stage is configured with (<c>infra-cdk/stages.json</c>), as written there.</summary>
internal sealed record ShippedSnowflakeNames(string StageName, string User, string Role, string Warehouse, string Database, string Stage)
{
    public static string StagesFile => Path.Combine(Repo.Root, "infra-cdk", "stages.json");

    /// <summary>Every deployment stage's names (dev, prod, ...).</summary>
    public static IReadOnlyList<ShippedSnowflakeNames> All()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(StagesFile));
        return [.. json.RootElement.GetProperty("stages").EnumerateObject().Select(stage =>
        {
            var s = stage.Value.GetProperty("snowflake");
            string Text(string name) => s.GetProperty(name).GetString()!;
            return new ShippedSnowflakeNames(stage.Name, Text("user"), Text("role"), Text("warehouse"), Text("database"), Text("stage"));
        })];
    }

    public static ShippedSnowflakeNames Dev => All().Single(s => s.StageName == "dev");
}
