namespace HealthDw.Core.Models;

public enum Materialization
{
    View,
    Table,

    /// <summary>Merged on its unique key: each drop updates changed rows and adds new ones.</summary>
    Incremental,
}
