using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HealthDw.Core.Configuration;

/// <summary>
/// Typed reads over a parsed YAML file that turn every mistake into a <see cref="ConfigException"/>
/// naming the file, line and column. Unknown keys are errors, so a typo never goes unnoticed.
/// </summary>
public sealed class YamlSource(string file)
{
    public string File { get; } = file;

    public static YamlMappingNode ParseMapping(ConfigFile config, out YamlSource doc)
    {
        doc = new YamlSource(config.Path);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(config.Text));
        }
        catch (YamlException e)
        {
            throw new ConfigException(config.Path, (int)e.Start.Line, (int)e.Start.Column, "not valid YAML: " + FirstLine(e.Message));
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            throw new ConfigException(config.Path, 1, 1, "expected a YAML mapping (key: value lines) at the top of the file");
        return root;
    }

    public ConfigException Error(YamlNode node, string problem) =>
        new(File, (int)node.Start.Line, (int)node.Start.Column, problem);

    public void OnlyKeys(YamlMappingNode map, params string[] allowed)
    {
        foreach (var key in map.Children.Keys)
        {
            var name = ((YamlScalarNode)key).Value ?? "";
            if (!allowed.Contains(name))
                throw Error(key, $"unknown key '{name}'; expected one of: {string.Join(", ", allowed)}");
        }
    }

    public YamlNode? Optional(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    public YamlNode Required(YamlMappingNode map, string key) =>
        Optional(map, key) ?? throw Error(map, $"missing required key '{key}'");

    public string Scalar(YamlNode node, string what)
    {
        if (node is YamlScalarNode { Value: { } value } && value.Length > 0) return value;
        throw Error(node, $"{what} must be a non-empty value");
    }

    public string RequiredScalar(YamlMappingNode map, string key) => Scalar(Required(map, key), $"'{key}'");

    public string? OptionalScalar(YamlMappingNode map, string key) =>
        Optional(map, key) is { } node ? Scalar(node, $"'{key}'") : null;

    public bool Boolean(YamlMappingNode map, string key, bool fallback)
    {
        if (Optional(map, key) is not { } node) return fallback;
        return Scalar(node, $"'{key}'").ToLowerInvariant() switch
        {
            "true" or "yes" => true,
            "false" or "no" => false,
            _ => throw Error(node, $"'{key}' must be true or false"),
        };
    }

    public YamlSequenceNode Sequence(YamlNode node, string what) =>
        node as YamlSequenceNode ?? throw Error(node, $"{what} must be a list");

    public YamlMappingNode Mapping(YamlNode node, string what) =>
        node as YamlMappingNode ?? throw Error(node, $"{what} must be a mapping (key: value)");

    public IReadOnlyList<string> ScalarList(YamlNode node, string what)
    {
        if (node is YamlScalarNode) return [Scalar(node, what)];
        return Sequence(node, what).Children.Select(n => Scalar(n, what)).ToList();
    }

    public static string Position(YamlNode node) =>
        string.Create(CultureInfo.InvariantCulture, $"{node.Start.Line}:{node.Start.Column}");

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
