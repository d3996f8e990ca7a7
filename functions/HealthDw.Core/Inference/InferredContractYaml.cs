using System.Text;
using HealthDw.Core.Configuration;

namespace HealthDw.Core.Inference;

/// <summary>
/// The contract YAML <see cref="ContractInference"/> writes: one block per column so that a suggested <c>references</c> line
/// can be uncommented where it stands, and the evidence for every choice in comments. Comments carry counts, lengths, column
/// and table names only: never a cell's value.
/// </summary>
internal static class InferredContractYaml
{
    private const int CommentColumn = 34;

    /// <summary>Words YAML 1.1 reads as something other than a string; a column so named is quoted.</summary>
    private static readonly HashSet<string> YamlWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "null", "true", "false", "yes", "no", "on", "off", "y", "n",
    };

    public static string Write(ContractInferenceOptions options, IReadOnlyList<ColumnProfile> columns, long rows)
    {
        var decided = columns.Select(c => (Column: c, Decision: c.Decide(rows))).ToList();
        var (key, keyEvidence) = PrimaryKey(decided.Select(d => (d.Column, d.Decision.Type)).ToList(), rows);
        var yaml = new StringBuilder();
        yaml.Append("# Inferred by `healthdw contract infer` from ").Append(options.FileName).Append(": ")
            .Append(ColumnProfile.Rows(rows)).Append(", ").Append(columns.Count).Append(" columns.\n");
        yaml.Append("# The comments give the evidence for each choice (counts and lengths, never a value). Review the types against\n");
        yaml.Append("# what the export may send later, add a description, then save this as contracts/<system>/<name>.yml and add\n");
        yaml.Append("# `- table: ").Append(options.Table).Append("` under routes: in routes.yml.\n");
        foreach (var note in options.Notes ?? []) yaml.Append("# ").Append(note).Append('\n');
        Line(yaml, $"table: {options.Table}", options.TableSource);
        if (key is not null) Line(yaml, $"primary_key: [{Name(key.Name)}]", keyEvidence);
        else yaml.Append("# no primary_key: ").Append(keyEvidence).Append('\n');
        Line(yaml, "extra_columns: reject", "a column the contract does not name refuses the file");
        if (rows == 0) Line(yaml, "allow_empty: true", "the file has a header but no rows");
        yaml.Append("columns:\n");
        foreach (var (column, (type, evidence)) in decided)
        {
            yaml.Append("  - name: ").Append(Name(column.Name)).Append('\n');
            Line(yaml, $"    type: {Type(type)}", evidence);
            if (column.Empty == 0 && rows > 0) Line(yaml, "    nullable: false", "never empty");
            else if (rows > 0) yaml.Append("    # nullable: ").Append(ColumnProfile.Count(column.Empty)).Append(" empty cells (empty is null)\n");
            foreach (var suggestion in References(options, column.Name, key?.Name)) yaml.Append("    ").Append(suggestion).Append('\n');
        }

        return yaml.ToString();
    }

    /// <summary>
    /// A column unique and never empty: one whose name ends in PK, else in ID (Id, UID, PATIENT_ID), the first such in the
    /// file; else the only such column that holds identifiers (whole numbers or text: a time or an amount unique in one file
    /// is unique by chance), if there is only one. Several are left to the reader to choose from.
    /// </summary>
    private static (ColumnProfile? Key, string Evidence) PrimaryKey(IReadOnlyList<(ColumnProfile Column, ColumnType Type)> columns, long rows)
    {
        var unique = columns.Where(c => c.Column.UniqueAndFilled && rows > 0).ToList();
        var named = unique.FirstOrDefault(c => c.Column.Name.EndsWith("PK", StringComparison.OrdinalIgnoreCase)).Column
            ?? unique.FirstOrDefault(c => c.Column.Name.EndsWith("ID", StringComparison.OrdinalIgnoreCase)).Column;
        var counted = $"unique and never empty in {ColumnProfile.Rows(rows)}";
        if (named is not null) return (named, $"{counted}; the name ends in {named.Name[^2..].ToUpperInvariant()}");
        var identifiers = unique.Where(c => c.Type.Kind is ColumnKind.Integer or ColumnKind.BigInt or ColumnKind.Varchar or ColumnKind.Text)
            .Select(c => c.Column).ToList();
        return identifiers.Count switch
        {
            1 => (identifiers[0], $"{counted}, the only such column of whole numbers or text"),
            > 1 => (null, $"{identifiers.Count} columns are {counted} ({string.Join(", ", identifiers.Select(c => c.Name))}): add the one that is the key"),
            _ when rows == 0 => (null, "the file has no rows to tell a key by"),
            _ => (null, "no column of whole numbers or text is unique and never empty"),
        };
    }

    /// <summary>
    /// A suggestion for each other contract's key column (its primary key, or a column other contracts reference) that this
    /// column's name matches: the same name, or the name ending in _ and that name (PATIENT_UID, CPT_CODEPK).
    /// </summary>
    private static IEnumerable<string> References(ContractInferenceOptions options, string column, string? ownKey)
    {
        if (string.Equals(column, ownKey, StringComparison.OrdinalIgnoreCase)) yield break;
        var keys = options.KnownContracts
            .SelectMany(c => c.PrimaryKey.Select(k => new ColumnReference(c.Table, k))
                .Concat(c.Columns.Where(k => k.References is not null).Select(k => k.References!)))
            .Where(r => r.Table != options.Table)
            .Distinct()
            .OrderBy(r => r.Table, StringComparer.Ordinal).ThenBy(r => r.Column, StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var exact = string.Equals(column, key.Column, StringComparison.OrdinalIgnoreCase);
            if (!exact && !column.EndsWith("_" + key.Column, StringComparison.OrdinalIgnoreCase)) continue;
            yield return $"# references: {key}".PadRight(CommentColumn - 5)
                + $" # suggested: the name {(exact ? "is" : "ends in")} {key.Column}, a key of {key.Table}; values not checked";
        }
    }

    private static void Line(StringBuilder yaml, string text, string comment) =>
        yaml.Append(text.PadRight(CommentColumn - 1)).Append(" # ").Append(comment).Append('\n');

    private static string Name(string name) => YamlWords.Contains(name) ? $"'{name}'" : name;

    /// <summary>The type as contracts write it (not its SQL spelling: numeric(p,s), double precision).</summary>
    private static string Type(ColumnType type) => type.Kind switch
    {
        ColumnKind.Decimal => $"'decimal({type.Precision},{type.Scale})'",
        ColumnKind.Double => "double",
        _ => type.ToString(),
    };
}
