using HealthDw.Core.Ports;
using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using HealthDw.Cli.Local;
using HealthDw.Functions;
using HealthDw.Functions.Steps;

namespace HealthDw.Tests.Workflow;

/// <summary>
/// A static check of a definition: walks every route through the state graph and reports each path that a
/// Parameters, ResultSelector, Choice Variable or Fail ErrorPath/CausePath reads but that is not present on
/// every route into that state. On Step Functions such a read is <c>States.Runtime</c>, which no Catcher
/// catches (Developer Guide, "Handling errors in Step Functions workflows"), so a definition must never rely on it.
/// <para>What is known to be present: what the definition writes itself (Pass results, ResultPath), the
/// execution's input contract, a Catch's error output (<c>Error</c> only: <c>Cause</c> is optional), and a
/// Lambda step's result: every property of the step's C# result type as the source-generated serializer
/// writes it (nulls included, <c>DefaultIgnoreCondition = Never</c>); a nullable property is present but
/// nothing below it is. A Choice rule <c>IsPresent: false</c> that did not match makes its variable present
/// for the rules after it and the Default.</para>
/// </summary>
public static partial class PathPresence
{
    /// <summary>The result type of each step function, as the handler table serializes it.</summary>
    public static IReadOnlyDictionary<string, Type> StepResults { get; } = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        [StepHandlerTable.RouteFile] = typeof(RouteResult),
        [StepHandlerTable.ValidateFile] = typeof(FileVerdict),
        [StepHandlerTable.LoadToStaging] = typeof(FileVerdict),
        [StepHandlerTable.LoadStatus] = typeof(FileVerdict),
        [StepHandlerTable.ArchiveFile] = typeof(ArchiveResult),
        [StepHandlerTable.DropStatus] = typeof(HealthDw.Core.Drops.DropState),
        [StepHandlerTable.Notify] = typeof(NotifyResult),
        [StepHandlerTable.PublishDrop] = typeof(PublishDropResult),
    };

    /// <summary>The result type of each publish-drop phase: that function's result depends on the phase its payload names.</summary>
    public static IReadOnlyDictionary<string, Type> PublishPhaseResults { get; } = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        [PublishDropHandler.BuildModels] = typeof(HealthDw.Core.Models.BuildProgress),
        [PublishDropHandler.CheckModels] = typeof(HealthDw.Core.Models.BuildProgress),
        [PublishDropHandler.RunChecks] = typeof(HealthDw.Core.Checks.CheckProgress),
        [PublishDropHandler.CheckChecks] = typeof(HealthDw.Core.Checks.CheckProgress),
        [PublishDropHandler.Reconcile] = typeof(ReconcileResult),
        [PublishDropHandler.PublishOrDiscard] = typeof(PublishDropResult),
        [PublishDropHandler.RecordFailure] = typeof(HealthDw.Core.Ports.PublishAttemptEvent),
    };

    /// <summary>Every read of a path that some route leaves absent, one line each.</summary>
    public static IReadOnlyList<string> Problems(JsonObject definition, Shape input)
    {
        var states = definition["States"]!.AsObject();
        var inputs = new Dictionary<string, Shape>(StringComparer.Ordinal);
        var problems = new SortedSet<string>(StringComparer.Ordinal);
        var work = new Queue<string>();

        void Reach(string state, Shape shape)
        {
            if (inputs.TryGetValue(state, out var known))
            {
                var merged = Meet(known, shape);
                if (Same(known, merged))
                    return;
                shape = merged;
            }
            inputs[state] = shape;
            work.Enqueue(state);
        }

        Reach((string)definition["StartAt"]!, input);
        var rounds = 0;
        while (work.Count > 0)
        {
            if (++rounds > 100_000)
                throw new InvalidOperationException("the analysis does not converge");
            var name = work.Dequeue();
            foreach (var (next, shape) in Visit(name, states[name]!.AsObject(), inputs[name], problems))
                Reach(next, shape);
        }

        // Reads are re-checked against the final (smallest) inputs: an early visit may have seen more.
        problems.Clear();
        foreach (var (name, shape) in inputs)
            _ = Visit(name, states[name]!.AsObject(), shape, problems).ToList();
        return [.. problems];
    }

    private static IEnumerable<(string Next, Shape Shape)> Visit(string name, JsonObject state, Shape input, ISet<string> problems)
    {
        foreach (var field in new[] { "InputPath", "OutputPath" })
        {
            if (state.ContainsKey(field))
                throw new NotSupportedException($"{name}: {field} is not modelled by this check; extend it before using {field}");
        }

        void Need(Shape data, string path, string where)
        {
            if (path.StartsWith("$$", StringComparison.Ordinal))
                return;
            if (Lookup(data, Segments(path)) is null)
                problems.Add($"{name}: {where} reads {path}, which is not present on every route into the state");
        }

        switch ((string)state["Type"]!)
        {
            case "Pass":
            {
                Shape result = state.ContainsKey("Result") ? FromLiteral(state["Result"])
                    : state["Parameters"] is JsonObject parameters ? Template(parameters, input, (p, w) => Need(input, p, "Parameters." + w))
                    : input;
                if ((string?)state["Next"] is { } next)
                    yield return (next, Place(input, state, "ResultPath", result));
                break;
            }
            case "Task":
            {
                var parameters = state["Parameters"] as JsonObject;
                if (parameters is not null)
                    _ = Template(parameters, input, (p, w) => Need(input, p, "Parameters." + w));
                var raw = TaskResult((string)state["Resource"]!, parameters);
                var selected = state["ResultSelector"] is JsonObject selector
                    ? Template(selector, raw, (p, w) => Need(raw, p, "ResultSelector." + w))
                    : raw;
                if ((string?)state["Next"] is { } next)
                    yield return (next, Place(input, state, "ResultPath", selected));
                foreach (var catcher in state["Catch"]?.AsArray() ?? [])
                {
                    var error = new ObjShape(ImmutableSortedDictionary<string, Shape>.Empty.Add("Error", Opaque.Value));
                    yield return ((string)catcher!["Next"]!, Place(input, catcher.AsObject(), "ResultPath", error));
                }
                break;
            }
            case "Choice":
            {
                var current = input;
                foreach (var rule in state["Choices"]!.AsArray())
                {
                    var ruleObject = rule!.AsObject();
                    foreach (var variable in Variables(ruleObject, tested: false))
                        Need(current, variable, "Choice Variable");
                    yield return ((string)ruleObject["Next"]!, current);
                    if (ruleObject["IsPresent"] is JsonValue present && !present.GetValue<bool>())
                        current = Set(current, Segments((string)ruleObject["Variable"]!), Opaque.Value);
                }
                if ((string?)state["Default"] is { } fallback)
                    yield return (fallback, current);
                break;
            }
            case "Wait":
                yield return ((string)state["Next"]!, input);
                break;
            case "Fail":
                foreach (var field in new[] { "ErrorPath", "CausePath" })
                {
                    if ((string?)state[field] is { } value)
                    {
                        foreach (var path in value.StartsWith('$') ? [value] : IntrinsicPaths(value))
                            Need(input, path, field);
                    }
                }
                break;
            case "Succeed":
                break;
            default:
                throw new NotSupportedException($"{name}: state type {state["Type"]} is not modelled by this check");
        }
    }

    private static IEnumerable<string> Variables(JsonObject rule, bool tested)
    {
        if ((string?)rule["Variable"] is { } variable && !rule.ContainsKey("IsPresent"))
            yield return variable;
        foreach (var key in new[] { "And", "Or" })
        {
            foreach (var inner in rule[key]?.AsArray() ?? [])
            {
                foreach (var v in Variables(inner!.AsObject(), tested)) yield return v;
            }
        }
        if (rule["Not"] is JsonObject not)
        {
            foreach (var v in Variables(not, tested)) yield return v;
        }
        foreach (var (key, value) in rule)
        {
            if (key.EndsWith("Path", StringComparison.Ordinal) && value is JsonValue && (string?)value is { } path)
                yield return path;
        }
    }

    private static Shape TaskResult(string resource, JsonObject? parameters)
    {
        if (resource == "arn:aws:states:::lambda:invoke")
        {
            var placeholder = (string)parameters!["FunctionName"]!;
            var binding = LocalBindings.Values[placeholder.Trim('$', '{', '}')];
            var handler = LocalBindings.HandlerOf(binding);
            var type = handler == StepHandlerTable.PublishDrop
                ? PublishPhaseResults[(string?)parameters["Payload"]?["phase"] ?? throw new NotSupportedException($"a {handler} task must name its phase in a literal Payload.phase")]
                : StepResults[handler];
            var payload = new TypedShape(type);
            return new ObjShape(ImmutableSortedDictionary<string, Shape>.Empty
                .Add("Payload", payload).Add("StatusCode", Opaque.Value).Add("ExecutedVersion", Opaque.Value));
        }
        if (resource == "arn:aws:states:::states:startExecution")
            return new ObjShape(ImmutableSortedDictionary<string, Shape>.Empty.Add("ExecutionArn", Opaque.Value).Add("StartDate", Opaque.Value));
        throw new NotSupportedException($"the resource {resource} is not modelled by this check");
    }

    /// <summary>The shape a Payload Template builds; <paramref name="need"/> hears every path it reads.</summary>
    private static Shape Template(JsonObject template, Shape data, Action<string, string> need)
    {
        var fields = ImmutableSortedDictionary<string, Shape>.Empty.WithComparers(StringComparer.Ordinal);
        foreach (var (key, value) in template)
        {
            if (key.EndsWith(".$", StringComparison.Ordinal))
            {
                var text = (string)value!;
                if (text.StartsWith("$$", StringComparison.Ordinal))
                    fields = fields.SetItem(key[..^2], Opaque.Value);
                else if (text.StartsWith('$'))
                {
                    need(text, key);
                    fields = fields.SetItem(key[..^2], Lookup(data, Segments(text)) ?? Opaque.Value);
                }
                else
                {
                    foreach (var path in IntrinsicPaths(text)) need(path, key);
                    fields = fields.SetItem(key[..^2], Opaque.Value);
                }
            }
            else
            {
                fields = fields.SetItem(key, value is JsonObject inner ? Template(inner, data, need) : FromLiteral(value));
            }
        }
        return new ObjShape(fields);
    }

    /// <summary>The Reference Paths an intrinsic function reads, context paths left out.</summary>
    public static IEnumerable<string> IntrinsicPaths(string call) =>
        PathInIntrinsic().Matches(QuotedString().Replace(call, "''")).Select(m => m.Value).Where(p => !p.StartsWith("$$", StringComparison.Ordinal));

    private static Shape Place(Shape input, JsonObject owner, string field, Shape result)
    {
        if (!owner.TryGetPropertyValue(field, out var path))
            return result;
        if (path is null)
            return input;
        var segments = Segments((string)path!);
        return segments.Length == 0 ? result : Set(input, segments, result);
    }

    private static string[] Segments(string path)
    {
        if (path == "$")
            return [];
        if (!SimplePath().IsMatch(path))
            throw new NotSupportedException($"the path {path} is not a plain $.a.b path, which is all this check models");
        return path[2..].Split('.');
    }

    public static Shape? Lookup(Shape? shape, IEnumerable<string> segments)
    {
        foreach (var segment in segments)
        {
            shape = shape switch
            {
                ObjShape obj => obj.Fields.GetValueOrDefault(segment),
                TypedShape typed => typed.Field(segment),
                _ => null,
            };
            if (shape is null)
                return null;
        }
        return shape;
    }

    private static Shape Set(Shape shape, ReadOnlySpan<string> segments, Shape value)
    {
        if (segments.Length == 0)
            return value;
        var obj = shape switch
        {
            ObjShape o => o,
            TypedShape t => t.Expand(),
            _ => new ObjShape(ImmutableSortedDictionary<string, Shape>.Empty.WithComparers(StringComparer.Ordinal)),
        };
        var child = obj.Fields.GetValueOrDefault(segments[0]) ?? Opaque.Value;
        return new ObjShape(obj.Fields.SetItem(segments[0], Set(child, segments[1..], value)));
    }

    private static Shape Meet(Shape a, Shape b)
    {
        if (Same(a, b))
            return a;
        if (a is Opaque || b is Opaque)
            return Opaque.Value;
        var left = a is TypedShape ta ? ta.Expand() : (ObjShape)a;
        var right = b is TypedShape tb ? tb.Expand() : (ObjShape)b;
        var fields = ImmutableSortedDictionary<string, Shape>.Empty.WithComparers(StringComparer.Ordinal);
        foreach (var (key, value) in left.Fields)
        {
            if (right.Fields.TryGetValue(key, out var other))
                fields = fields.Add(key, Meet(value, other));
        }
        return new ObjShape(fields);
    }

    private static bool Same(Shape a, Shape b) => (a, b) switch
    {
        (Opaque, Opaque) => true,
        (TypedShape x, TypedShape y) => x.Type == y.Type,
        (ObjShape x, ObjShape y) => x.Fields.Count == y.Fields.Count
            && x.Fields.All(f => y.Fields.TryGetValue(f.Key, out var other) && Same(f.Value, other)),
        _ => false,
    };

    private static Shape FromLiteral(JsonNode? node) => node is JsonObject obj
        ? new ObjShape(obj.Aggregate(ImmutableSortedDictionary<string, Shape>.Empty.WithComparers(StringComparer.Ordinal),
            (fields, p) => fields.SetItem(p.Key, FromLiteral(p.Value))))
        : Opaque.Value;

    [GeneratedRegex(@"^\$(\.[A-Za-z_][A-Za-z0-9_]*)+$")]
    private static partial Regex SimplePath();

    [GeneratedRegex(@"'(?:[^'\\]|\\.)*'")]
    private static partial Regex QuotedString();

    [GeneratedRegex(@"\$\$?[A-Za-z0-9_.\[\]]*")]
    private static partial Regex PathInIntrinsic();

    /// <summary>What is known about a value: only that it is present, its fields, or its step result type.</summary>
    public abstract record Shape;

    /// <summary>Present, nothing known below it (a leaf, a nullable property, an intrinsic's result).</summary>
    public sealed record Opaque : Shape
    {
        public static Opaque Value { get; } = new();
    }

    /// <summary>An object with these fields present.</summary>
    public sealed record ObjShape(ImmutableSortedDictionary<string, Shape> Fields) : Shape;

    /// <summary>A step result: the serialized properties of a C# type.</summary>
    public sealed record TypedShape(Type Type) : Shape
    {
        private static readonly NullabilityInfoContext Nullability = new();

        public Shape? Field(string jsonName) => Properties().TryGetValue(jsonName, out var shape) ? shape : null;

        public ObjShape Expand() => new(Properties());

        private ImmutableSortedDictionary<string, Shape> Properties()
        {
            var info = HealthDwJsonContext.Default.GetTypeInfo(Type)
                ?? throw new InvalidOperationException($"{Type.Name} is not in HealthDwJsonContext");
            var fields = ImmutableSortedDictionary<string, Shape>.Empty.WithComparers(StringComparer.Ordinal);
            foreach (var property in info.Properties.Where(p => p.Get is not null))
                fields = fields.Add(property.Name, Describe(property));
            return fields;
        }

        private static Shape Describe(JsonPropertyInfo property)
        {
            var type = property.PropertyType;
            var nullable = Nullable.GetUnderlyingType(type) is not null
                || (property.AttributeProvider is PropertyInfo member && !type.IsValueType
                    && Nullability.Create(member).ReadState != NullabilityState.NotNull);
            if (nullable || type == typeof(string) || type.IsValueType || type.IsArray
                || (type.IsGenericType && typeof(System.Collections.IEnumerable).IsAssignableFrom(type)))
                return Opaque.Value;
            return new TypedShape(type);
        }
    }
}
