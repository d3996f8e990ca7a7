using HealthDw.Core.Configuration;
using HealthDw.Core.Models;

namespace HealthDw.Core.Publishing;

/// <summary>
/// Which checked columns hold PHI. A staging table's column does when its contract marks it <c>phi: true</c>. A model's
/// columns are not declared anywhere and its SQL renames and computes them (dim_patient's first_name is register_users'
/// UFNAME, age_band is computed from AGE), so no column-level lineage is known: every column of a model that reads a
/// staging table with a phi column, directly or through other models, counts as PHI. That is strict (fact_claim reads
/// dim_provider, which reads register_users, so its min and freshness values are hidden too), and it cannot miss a
/// renamed phi column, which a lineage guessed from names would.
/// </summary>
public static class PhiLineage
{
    /// <param name="table">A checks-file table: a model name, or <c>staging.&lt;table&gt;</c>.</param>
    /// <param name="columns">The check's columns (as the checks file names them, any case).</param>
    public static bool Holds(string table, IReadOnlyList<string> columns, ModelProject models, PipelineConfig pipeline)
    {
        if (table.StartsWith(AnalyticsProject.StagingPrefix, StringComparison.Ordinal))
        {
            return pipeline.Contracts.TryGetValue(table[AnalyticsProject.StagingPrefix.Length..], out var contract)
                   && columns.Any(c => contract.Find(c)?.Phi == true);
        }

        return models.Models.ContainsKey(table) && ReadsPhi(table, models, pipeline, []);
    }

    private static bool ReadsPhi(string model, ModelProject models, PipelineConfig pipeline, HashSet<string> seen)
    {
        if (!seen.Add(model)) return false;
        var m = models.Models[model];
        return m.Sources.Any(s => pipeline.Contracts.TryGetValue(s.Table, out var contract) && contract.Columns.Any(c => c.Phi))
               || m.Refs.Any(r => models.Models.ContainsKey(r.Name) && ReadsPhi(r.Name, models, pipeline, seen));
    }
}
