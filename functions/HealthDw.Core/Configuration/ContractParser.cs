using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace HealthDw.Core.Configuration;

/// <summary>Reads one <c>contracts/**.yml</c> file into a <see cref="TableContract"/>.</summary>
internal static partial class ContractParser
{
    public static (TableContract Contract, IReadOnlyList<(ColumnReference Reference, YamlNode At)> References) Parse(ConfigFile file)
    {
        var root = YamlSource.ParseMapping(file, out var doc);
        doc.OnlyKeys(root, "table", "description", "primary_key", "extra_columns", "allow_empty", "columns");

        var tableNode = doc.Required(root, "table");
        var table = doc.Scalar(tableNode, "'table'");
        if (!Identifier().IsMatch(table))
            throw doc.Error(tableNode, $"table name '{table}' must be lower case letters, digits and underscores, starting with a letter");

        var columns = new List<ColumnSpec>();
        var references = new List<(ColumnReference, YamlNode)>();
        var columnsNode = doc.Sequence(doc.Required(root, "columns"), "'columns'");
        if (columnsNode.Children.Count == 0) throw doc.Error(columnsNode, "a contract needs at least one column");
        foreach (var node in columnsNode.Children)
        {
            var column = doc.Mapping(node, "each column");
            doc.OnlyKeys(column, "name", "type", "nullable", "references", "description", "phi");
            var nameNode = doc.Required(column, "name");
            var name = doc.Scalar(nameNode, "a column's 'name'");
            if (!ColumnName().IsMatch(name))
                throw doc.Error(nameNode, $"column name '{name}' must be letters, digits and underscores, starting with a letter");
            if (columns.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)))
                throw doc.Error(nameNode, $"column '{name}' is listed twice");

            var typeNode = doc.Required(column, "type");
            if (!ColumnType.TryParse(doc.Scalar(typeNode, "'type'"), out var type))
                throw doc.Error(typeNode, $"unknown type '{doc.Scalar(typeNode, "'type'")}'; supported: {ColumnType.Supported}");

            ColumnReference? reference = null;
            if (doc.Optional(column, "references") is { } refNode)
            {
                var parts = doc.Scalar(refNode, "'references'").Split('.');
                if (parts.Length != 2 || parts.Any(p => p.Length == 0))
                    throw doc.Error(refNode, "'references' must be written as <table>.<COLUMN>, e.g. register_users.UID");
                reference = new ColumnReference(parts[0], parts[1]);
                references.Add((reference, refNode));
            }

            columns.Add(new ColumnSpec(name, type, doc.Boolean(column, "nullable", fallback: true), reference, doc.Boolean(column, "phi", fallback: false)));
        }

        var primaryKey = new List<string>();
        if (doc.Optional(root, "primary_key") is { } pkNode)
        {
            foreach (var key in doc.ScalarList(pkNode, "'primary_key'"))
            {
                var column = columns.FirstOrDefault(c => string.Equals(c.Name, key, StringComparison.OrdinalIgnoreCase))
                    ?? throw doc.Error(pkNode, $"primary key column '{key}' is not one of the contract's columns");
                if (column.Nullable)
                    throw doc.Error(pkNode, $"primary key column '{key}' must be declared nullable: false");
                primaryKey.Add(column.Name);
            }
        }

        var extra = ExtraColumns.Reject;
        if (doc.Optional(root, "extra_columns") is { } extraNode)
        {
            extra = doc.Scalar(extraNode, "'extra_columns'") switch
            {
                "reject" => ExtraColumns.Reject,
                "ignore" => ExtraColumns.Ignore,
                var other => throw doc.Error(extraNode, $"extra_columns must be 'reject' or 'ignore', not '{other}'"),
            };
        }

        var contract = new TableContract(table, doc.OptionalScalar(root, "description"), columns, primaryKey, extra,
            doc.Boolean(root, "allow_empty", fallback: false), file.Path);
        return (contract, references);
    }

    /// <summary>True when <paramref name="name"/> may be a contract's <c>table</c>.</summary>
    public static bool IsTableName(string name) => Identifier().IsMatch(name);

    /// <summary>True when <paramref name="name"/> may be a contract column's <c>name</c>.</summary>
    public static bool IsColumnName(string name) => ColumnName().IsMatch(name);

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex Identifier();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*$")]
    private static partial Regex ColumnName();
}
