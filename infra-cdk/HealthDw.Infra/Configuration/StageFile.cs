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
            Validate(path, name, stage);
            result.Add(stage with { Name = name });
        }

        return result;
    }

    public const int MaxDropHeartbeatHours = 168;

    private static void Validate(string path, string name, StageSettings stage)
    {
        // An unwatched production stage fails silently: nobody hears of a rejected file or a stuck drop.
        if (stage.Production && string.IsNullOrWhiteSpace(stage.AlarmEmail))
        {
            throw new InvalidOperationException(
                $"{path}: {name} is a production stage and has no alarmEmail: set {name}.alarmEmail to the address that " +
                "must receive the pipeline's alarms (it confirms the SNS subscription once)");
        }

        if (stage.AlarmEmail is { } email && !string.IsNullOrWhiteSpace(email) && !SimpleAddress().IsMatch(email))
            throw new InvalidOperationException($"{path}: {name}.alarmEmail '{email}' is not an email address");

        // CloudWatch (PutMetricAlarm): Period x EvaluationPeriods may not exceed 604,800 s (seven days).
        if (stage.DropHeartbeatHours is < 1 or > MaxDropHeartbeatHours)
        {
            throw new InvalidOperationException(
                $"{path}: {name}.dropHeartbeatHours is {stage.DropHeartbeatHours}; it must be 1 to {MaxDropHeartbeatHours} " +
                "(a CloudWatch alarm looks back seven days at most)");
        }
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex SimpleAddress();

    [GeneratedRegex("^[a-z][a-z0-9-]{1,15}$")]
    private static partial Regex StageName();

    private sealed record StageFileContent
    {
        public Dictionary<string, StageSettings> Stages { get; init; } = [];
    }
}
