using System.Text.Json;
using System.Text.RegularExpressions;

namespace HealthDw.Infra.Configuration;

/// <summary>Reads <c>infra-cdk/stages.json</c>: <c>{ "stages": { "dev": { … }, "prod": { … } } }</c>.</summary>
public static partial class StageFile
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public static IReadOnlyList<StageSettings> Load(string path)
    {
        if (!File.Exists(path)) throw new InvalidOperationException($"no stage settings at {path}");
        StageFileContent? content;
        try
        {
            content = JsonSerializer.Deserialize<StageFileContent>(File.ReadAllText(path), Options);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"{path}: {e.Message}", e);
        }

        if (content?.Stages is not { Count: > 0 } stages) throw new InvalidOperationException($"{path}: no stages");
        var result = new List<StageSettings>();
        foreach (var (name, stage) in stages)
        {
            if (!StageName().IsMatch(name))
                throw new InvalidOperationException($"{path}: stage name '{name}' must be lower-case letters, digits and dashes (2-16)");
            stage.Lifecycle.Validate(name);
            result.Add(stage with { Name = name });
        }

        return result;
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{1,15}$")]
    private static partial Regex StageName();

    private sealed record StageFileContent
    {
        public Dictionary<string, StageSettings> Stages { get; init; } = [];
    }
}
