using HealthDw.Core.Configuration;

namespace HealthDw.Core.Models;

/// <summary>Reads one <c>models/**.sql</c> file: its config, its refs and sources, and its template.</summary>
public static class ModelParser
{
    /// <summary>The calls a model may make (the dialect macros are rendered by <see cref="ModelRenderer"/>).</summary>
    public static readonly IReadOnlySet<string> Calls = new HashSet<string>(StringComparer.Ordinal)
    {
        "config", "ref", "source", "this", "drop_loads", "as_of",
        "days_between", "add_days", "date_spine", "day_of_week_iso", "month_name",
    };

    public static Model Parse(string file, string text)
    {
        var name = Path.GetFileNameWithoutExtension(file);
        var template = TemplateParser.Parse(file, text);
        var config = ModelConfig.Default;
        var refs = new List<ModelRef>();
        var sources = new List<ModelSource>();
        foreach (var call in Flatten(template).SelectMany(c => c.Args.Where(a => a.Call is not null)
                     .Select(a => new CallPart(c.Line, c.Column, a.Call!, [], new Dictionary<string, TemplateValue>())).Prepend(c)))
        {
            if (!Calls.Contains(call.Name))
                throw new ConfigException(file, call.Line, call.Column,
                    $"unknown macro '{call.Name}'; available: {string.Join(", ", Calls.Order(StringComparer.Ordinal))}");
            switch (call.Name)
            {
                case "config":
                    config = ReadConfig(file, call);
                    break;
                case "ref" when call.Args.Count == 1 && call.Arg(0).Length > 0:
                    refs.Add(new ModelRef(call.Arg(0), call.Line, call.Column));
                    break;
                case "ref":
                    throw new ConfigException(file, call.Line, call.Column, "ref takes one model name: {{ ref('dim_patient') }}");
                case "source" when call.Args.Count == 2:
                    sources.Add(new ModelSource(call.Arg(0), call.Arg(1), call.Line, call.Column));
                    break;
                case "source":
                    throw new ConfigException(file, call.Line, call.Column, "source takes a schema and a table: {{ source('staging', 'register_users') }}");
            }
        }

        if (config.Materialized == Materialization.Incremental && config.UniqueKey.Count == 0)
            throw new ConfigException(file, 1, 1, "an incremental model needs unique_key='column' (or a list) in its config");
        return new Model(name, file, config, template, refs, sources);
    }

    private static ModelConfig ReadConfig(string file, CallPart call)
    {
        var materialized = Materialization.View;
        IReadOnlyList<string> key = [];
        IReadOnlyList<string> tags = [];
        IReadOnlyList<TraceLink> trace = [];
        foreach (var (name, value) in call.Named)
        {
            switch (name)
            {
                case "materialized":
                    materialized = value.Text switch
                    {
                        "view" => Materialization.View,
                        "table" => Materialization.Table,
                        "incremental" => Materialization.Incremental,
                        _ => throw new ConfigException(file, call.Line, call.Column, $"materialized must be 'view', 'table' or 'incremental', not '{value.Text}'"),
                    };
                    break;
                case "unique_key":
                    key = value.List ?? [value.Text!];
                    break;
                case "tags":
                    tags = value.List ?? [value.Text!];
                    break;
                case "trace":
                    trace = (value.List ?? [value.Text!]).Select(link => ReadTraceLink(file, call, link)).ToList();
                    break;
                default:
                    throw new ConfigException(file, call.Line, call.Column, $"unknown config '{name}'; expected materialized, unique_key, tags or trace");
            }
        }

        if (trace.Count > 0 && key.Count == 0)
            throw new ConfigException(file, call.Line, call.Column, "a model with trace=[...] needs unique_key='column' (or a list): the key `healthdw trace` finds its row by");
        return new ModelConfig(materialized, key, tags) { Trace = trace };
    }

    /// <summary>"upstream: predicate"; the predicate relates <c>row.</c> (this model) to <c>up.</c> (the upstream).</summary>
    private static TraceLink ReadTraceLink(string file, CallPart call, string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var upstream = colon < 0 ? "" : text[..colon].Trim();
        var predicate = colon < 0 ? "" : text[(colon + 1)..].Trim();
        if (upstream.Length == 0 || !predicate.Contains("up.", StringComparison.Ordinal) || predicate.Contains(';', StringComparison.Ordinal))
            throw new ConfigException(file, call.Line, call.Column,
                $"cannot read trace entry \"{text}\": write \"<ref or staging.table>: <predicate over row. and up.>\", e.g. \"stg_chart__appointment: up.apptpk = row.appointment_pk\"");
        return new TraceLink(upstream, predicate, call.Line, call.Column);
    }

    private static IEnumerable<CallPart> Flatten(IEnumerable<TemplatePart> parts)
    {
        foreach (var part in parts)
        {
            switch (part)
            {
                case CallPart call:
                    yield return call;
                    break;
                case IncrementalPart block:
                    foreach (var inner in Flatten(block.WhenIncremental.Concat(block.Otherwise))) yield return inner;
                    break;
            }
        }
    }
}
