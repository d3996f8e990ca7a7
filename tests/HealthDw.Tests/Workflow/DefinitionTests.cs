using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HealthDw.Cli.Local;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Workflow;

/// <summary>The structural rules every definition in statemachine/ must keep, and the real asl-validator.</summary>
public partial class DefinitionTests
{
    public static TheoryData<string> Definitions()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Repo.Root, "statemachine"), "*.asl.json").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        return data;
    }

    private static JsonObject Load(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Root, "statemachine", name)))!.AsObject();

    private static IEnumerable<(string Name, JsonObject State)> States(JsonObject definition)
    {
        foreach (var (name, state) in definition["States"]!.AsObject())
        {
            yield return (name, state!.AsObject());
            foreach (var nested in (state["Branches"]?.AsArray() ?? []).Concat(state["ItemProcessor"] is { } p ? [p] : []))
            {
                foreach (var inner in States(nested!.AsObject())) yield return inner;
            }
        }
    }

    [Fact]
    public void Definitions_ShouldBeTheTwoWorkflows() =>
        Definitions().Cast<object[]>().Select(d => (string)d[0]).Should().BeEquivalentTo("ingest-file.asl.json", "publish-drop.asl.json");

    [Theory]
    [MemberData(nameof(Definitions))]
    public void Placeholders_ShouldAllHaveALocalBinding(string name)
    {
        var text = File.ReadAllText(Path.Combine(Repo.Root, "statemachine", name));
        var placeholders = Placeholder().Matches(text).Select(m => m.Groups[1].Value).Distinct().ToList();

        placeholders.Should().NotBeEmpty();
        placeholders.Should().OnlyContain(p => LocalBindings.Values.ContainsKey(p), "every ${...} needs a binding");
    }

    [Theory]
    [MemberData(nameof(Definitions))]
    public void EveryTask_ShouldRetryTransientErrorsAndCatchTheRest(string name)
    {
        foreach (var (state, body) in States(Load(name)).Where(s => (string?)s.State["Type"] == "Task"))
        {
            var retry = body["Retry"]?.AsArray();
            retry.Should().NotBeNullOrEmpty($"{state} needs Retry");
            foreach (var retrier in retry!)
            {
                retrier!["MaxDelaySeconds"].Should().NotBeNull($"{state}: backoff needs a ceiling");
                ((string?)retrier["JitterStrategy"]).Should().Be("FULL", $"{state}: retries of many files must not march in step");
            }

            var lambda = (string?)body["Resource"] == "arn:aws:states:::lambda:invoke";
            if (lambda)
            {
                var errors = retry!.SelectMany(r => r!["ErrorEquals"]!.AsArray().Select(e => (string)e!)).ToList();
                errors.Should().Contain(["Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException",
                    "Lambda.TooManyRequestsException", "HealthDw.TransientError"], state);
            }

            var catches = body["Catch"]?.AsArray();
            catches.Should().NotBeNullOrEmpty($"{state} needs Catch");
            catches!.Last()!["ErrorEquals"]!.AsArray().Select(e => (string)e!).Should().Equal(["States.ALL"], $"{state}: the last catcher takes everything");
        }
    }

    [Theory]
    [MemberData(nameof(Definitions))]
    public void EveryState_ShouldBeReachableFromStartAt(string name)
    {
        var definition = Load(name);
        var states = definition["States"]!.AsObject();
        var seen = new HashSet<string>();
        var queue = new Queue<string>([(string)definition["StartAt"]!]);
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            if (!seen.Add(current)) continue;
            states[current].Should().NotBeNull($"{current} is named as a next state");
            foreach (var next in Successors(states[current]!.AsObject())) queue.Enqueue(next);
        }

        seen.Should().BeEquivalentTo(states.Select(s => s.Key));
    }

    [Theory]
    [MemberData(nameof(Definitions))]
    public void StateData_ShouldNeverCarryRows(string name)
    {
        var text = File.ReadAllText(Path.Combine(Repo.Root, "statemachine", name));

        text.Should().NotContainAny("\"rows.$\"", "\"data.$\"", "\"records.$\"");
        Load(name)["States"]!.AsObject().Select(s => s.Key.Length).Should().OnlyContain(l => l <= 80);
    }

    [Theory]
    [MemberData(nameof(Definitions))]
    public void AslValidator_ShouldAcceptTheDefinition(string name)
    {
        var validator = Path.Combine(Repo.Root, "tests", "node_modules", "asl-validator", "dist", "bin", "asl-validator.js");
        if (!File.Exists(validator))
            throw new InvalidOperationException("asl-validator is not installed: run ./test.sh, which runs npm ci in tests/");
        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { validator, "--json-path", Path.Combine(Repo.Root, "statemachine", name) }) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();

        process.ExitCode.Should().Be(0, output);
    }

    private static IEnumerable<string> Successors(JsonObject state)
    {
        if ((string?)state["Next"] is { } next) yield return next;
        if ((string?)state["Default"] is { } fallback) yield return fallback;
        foreach (var choice in state["Choices"]?.AsArray() ?? []) yield return (string)choice!["Next"]!;
        foreach (var catcher in state["Catch"]?.AsArray() ?? []) yield return (string)catcher!["Next"]!;
    }

    [GeneratedRegex(@"\$\{([A-Za-z0-9_]+)\}")]
    private static partial Regex Placeholder();
}
