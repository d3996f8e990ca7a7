using HealthDw.Core.Configuration;

namespace HealthDw.Core.Checks;

/// <summary>
/// Every contract <c>references:</c> as a publish check on staging (<c>values in (col) must exist in staging.parent (col)</c>,
/// fail above 0). Load To Staging checks a reference only when the referenced table of the same drop is already loaded;
/// otherwise it defers it, and a child file that arrives before its parent would be published with its orphans. As a
/// publish check it runs once every file of the drop is in, and an orphan blocks the publish with the file and line of the
/// row (<see cref="CheckResult.Positions"/>), never its value.
/// </summary>
public static class ContractReferenceChecks
{
    /// <param name="files">The configuration files, to name the contract line that declares each reference.</param>
    public static IReadOnlyList<CheckDefinition> From(PipelineConfig pipeline, IReadOnlyList<ConfigFile> files)
    {
        var checks = new List<CheckDefinition>();
        foreach (var contract in pipeline.Contracts.Values.OrderBy(c => c.SourceFile, StringComparer.Ordinal))
        {
            var lines = files.FirstOrDefault(f => f.Path == contract.SourceFile)?.Text.Split('\n') ?? [];
            foreach (var column in contract.Columns.Where(c => c.References is not null))
            {
                var reference = column.References!;
                var col = column.Name.ToLowerInvariant();
                var parent = reference.Column.ToLowerInvariant();
                var other = $"staging.{reference.Table}";
                var line = Array.FindIndex(lines, l => l.Contains(column.Name, StringComparison.Ordinal)
                    && l.Contains($"{reference.Table}.{reference.Column}", StringComparison.Ordinal)) + 1;
                checks.Add(new CheckDefinition($"staging.{contract.Table}", $"values in ({col}) must exist in {other} ({parent})",
                    MetricKind.Reference, [col], new Threshold("=", 0, null, "= 0"), null, Validity.None, other, [parent], null,
                    contract.SourceFile, Math.Max(line, 1)));
            }
        }

        return checks;
    }
}
