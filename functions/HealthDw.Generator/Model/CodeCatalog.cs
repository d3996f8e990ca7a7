using System.Globalization;
using HealthDw.Generator.Data;

namespace HealthDw.Generator.Model;

/// <summary>
/// The chart_code catalogue: ICD-10 codes get CODEPK 1..icd, CPT codes follow. The curated
/// common codes come first; the rest are synthetic but realistic-looking and unique.
/// </summary>
internal sealed class CodeCatalog(int icdCodes, int cptCodes)
{
    private const int IcdLetters = 20;        // A..T
    private const int IcdStems = 90_000;      // 90 two-digit categories x 1000 three-digit subcodes
    private const int CptSynthetic = 20_000;  // 10000..29999

    public int IcdCodes { get; } = icdCodes;

    public int CptCodes { get; } = cptCodes;

    public int Count => IcdCodes + CptCodes;

    public long IcdCodePk(int icdIndex) => 1 + icdIndex;

    public long CptCodePk(int cptIndex) => 1L + IcdCodes + cptIndex;

    /// <summary>The code at catalogue position <paramref name="index"/> (CODEPK - 1).</summary>
    public (string Code, bool IsIcd, string Description) Get(int index) =>
        index < IcdCodes ? (IcdCode(index), true, IcdDescription(index)) : (CptCode(index - IcdCodes), false, CptDescription(index - IcdCodes));

    /// <summary>A diagnosis: common codes most of the time. Returns the ICD index.</summary>
    public int PickIcd(ref Prng rng)
    {
        var common = Math.Min(IcdCodes, MedicalCodes.Icd10.Length);
        return rng.Chance(0.6) && common > 0 ? rng.Below(common) : rng.Below(IcdCodes);
    }

    /// <summary>A billed procedure: an office visit most of the time. Returns the CPT index.</summary>
    public int PickCpt(ref Prng rng)
    {
        var visits = Math.Min(CptCodes, MedicalCodes.OfficeVisitCodes);
        return rng.Chance(0.7) && visits > 0 ? rng.Below(visits) : rng.Below(CptCodes);
    }

    public long PriceCents(int cptIndex) =>
        cptIndex < MedicalCodes.Cpt.Length ? MedicalCodes.Cpt[cptIndex].PriceCents : 4_000 + (cptIndex * 7_919L % 46_000);

    private static string IcdCode(int index)
    {
        if (index < MedicalCodes.Icd10.Length)
        {
            return MedicalCodes.Icd10[index].Code;
        }

        long k = index - MedicalCodes.Icd10.Length;
        if (k >= (long)IcdLetters * IcdStems)
        {
            return "U" + k.ToString(CultureInfo.InvariantCulture);
        }

        // A bijection of k onto letter x category x subcode, scrambled so neighbours differ: "K37.214".
        var letter = (char)('A' + (k % IcdLetters));
        var stem = ((k / IcdLetters * 7) + 12_345) % IcdStems;
        return string.Create(CultureInfo.InvariantCulture, $"{letter}{10 + (stem / 1000)}.{stem % 1000:000}");
    }

    private static string IcdDescription(int index)
    {
        if (index < MedicalCodes.Icd10.Length)
        {
            return MedicalCodes.Icd10[index].Description;
        }

        var rng = new Prng((ulong)index);
        return $"{rng.Pick(MedicalCodes.Conditions)} of {rng.Pick(MedicalCodes.Sites)}, {rng.Pick(MedicalCodes.Qualifiers)}";
    }

    private static string CptCode(int index)
    {
        if (index < MedicalCodes.Cpt.Length)
        {
            return MedicalCodes.Cpt[index].Code;
        }

        long k = index - MedicalCodes.Cpt.Length;
        return k < CptSynthetic
            ? (10_000 + (((k * 7) + 3) % CptSynthetic)).ToString(CultureInfo.InvariantCulture)
            : "C" + k.ToString(CultureInfo.InvariantCulture);
    }

    private static string CptDescription(int index)
    {
        if (index < MedicalCodes.Cpt.Length)
        {
            return MedicalCodes.Cpt[index].Description;
        }

        var rng = new Prng((ulong)index ^ 0xC0DEUL);
        return $"{rng.Pick(MedicalCodes.Procedures)} {rng.Pick(MedicalCodes.Sites)}, {rng.Pick(MedicalCodes.ProcedureVariants)}";
    }
}
