using System.Collections.Immutable;
using HealthDw.Generator.Csv;
using HealthDw.Generator.Model;

namespace HealthDw.Generator.Tables;

/// <summary>One extract table: its id, its header (the vendor's column names, in order) and how to write its rows.</summary>
internal abstract class TableSource
{
    protected TableSource(string name, string header, double rowsAtScaleOne, bool hasBom = false)
    {
        Name = name;
        Columns = [.. header.Split(',')];
        RowsAtScaleOne = rowsAtScaleOne;
        HasBom = hasBom;
        Tag = Prng.Tag(name);
    }

    /// <summary>Table id, <c>&lt;schema&gt;_&lt;table&gt;</c>.</summary>
    public string Name { get; }

    public ImmutableArray<string> Columns { get; }

    /// <summary>The vendor writes a UTF-8 BOM at the start of this table's files.</summary>
    public bool HasBom { get; }

    /// <summary>About how many rows the table has at scale 1 (sizes single-table runs).</summary>
    public double RowsAtScaleOne { get; }

    /// <summary>The random stream tag of this table's own rows.</summary>
    protected ulong Tag { get; }

    /// <summary>A plan in which this table has at least about <paramref name="rows"/> rows.</summary>
    public virtual DropPlan PlanFor(long rows) =>
        DropPlan.ForScale(Math.Clamp(rows / RowsAtScaleOne * 1.15, 1e-6, DropPlan.MaxScale));

    /// <summary>Writes up to <paramref name="maxRows"/> data rows (header excluded) and returns how many.</summary>
    public abstract long Write(DropModel model, CsvTableWriter csv, long maxRows);
}
