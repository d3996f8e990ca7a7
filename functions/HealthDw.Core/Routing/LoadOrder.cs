using HealthDw.Core.Configuration;

namespace HealthDw.Core.Routing;

/// <summary>
/// Orders tables so that a referenced table comes before the tables that reference it. Loading a
/// drop's files in this order lets each file's reference checks run at once instead of waiting
/// for the rest of the drop.
/// </summary>
public static class LoadOrder
{
    public static IReadOnlyList<string> Tables(PipelineConfig config)
    {
        var order = new List<string>();
        var state = new HashSet<string>();
        foreach (var table in config.Contracts.Keys.Order(StringComparer.Ordinal)) Visit(table);
        return order;

        void Visit(string table)
        {
            if (state.Contains(table)) return; // done, or a cycle: its own order is as good as any

            state.Add(table);
            foreach (var reference in config.Contract(table).Columns.Select(c => c.References).OfType<ColumnReference>())
            {
                if (reference.Table != table) Visit(reference.Table);
            }

            order.Add(table);
        }
    }

    /// <summary>Rank of a file name for loading: control files first, then tables by dependency, parts in order.</summary>
    public static (int Rank, int Part, string Name) Key(PipelineConfig config, IReadOnlyList<string> tables, string fileName)
    {
        var decision = config.Routes.Resolve(fileName);
        var rank = decision.Kind switch
        {
            RouteKind.Control => -1,
            RouteKind.Routed => tables.ToList().IndexOf(decision.Table!),
            _ => int.MaxValue,
        };
        return (rank, decision.Part ?? 0, fileName);
    }
}
