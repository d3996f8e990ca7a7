using HealthDw.Generator.Csv;
using HealthDw.Generator.Model;

namespace HealthDw.Generator.Tables;

/// <summary>The code catalogue (ICD10 then CPT). The vendor writes these files with a UTF-8 BOM.</summary>
internal sealed class CodeTable() : TableSource(
    "chart_code", "CODEPK,CODE,CODE_TYPE,DESCRIPTION,UPDATE_AT", 500, hasBom: true)
{
    public override DropPlan PlanFor(long rows)
    {
        var icd = (int)Math.Clamp(rows * 7 / 10, 0, int.MaxValue / 2);
        var cpt = (int)Math.Clamp(rows - icd, 0, int.MaxValue / 2);
        return DropPlan.ForScale(0.01) with { IcdCodes = icd, CptCodes = cpt };
    }

    public override long Write(DropModel model, CsvTableWriter csv, long maxRows)
    {
        var rows = (int)Math.Min(maxRows, model.Codes.Count);
        for (var i = 0; i < rows; i++)
        {
            var rng = Prng.For(model.Seed, Tag, i);
            var (code, isIcd, description) = model.Codes.Get(i);
            csv.Int(i + 1);
            csv.Text(code);
            csv.Literal(isIcd ? "ICD10"u8 : "CPT"u8);
            csv.Text(description);
            csv.Timestamp(model.RecentTime(ref rng, 730));
            csv.EndRow();
        }

        return rows;
    }
}
