using System.Collections.Immutable;

namespace HealthDw.Generator.Data;

/// <summary>
/// Common ICD-10-CM and CPT codes, written in our own words where descriptions are not public
/// domain. Curated ICD-10 codes have at most two decimals and curated CPT codes lie outside
/// 10000–29999, so they never collide with the synthetic codes of <see cref="Model.CodeCatalog"/>.
/// </summary>
internal static class MedicalCodes
{
    /// <summary>The most frequent diagnoses first.</summary>
    public static readonly ImmutableArray<MedicalCode> Icd10 =
    [
        new("I10", "Essential (primary) hypertension"),
        new("E11.9", "Type 2 diabetes mellitus without complications"),
        new("E78.5", "Hyperlipidemia, unspecified"),
        new("Z00.00", "Encounter for \"well adult\" examination without abnormal findings"),
        new("J06.9", "Acute upper respiratory infection, unspecified"),
        new("M54.50", "Low back pain, unspecified"),
        new("F41.1", "Generalized anxiety disorder"),
        new("F32.9", "Major depressive disorder, single episode, unspecified"),
        new("K21.9", "Gastro-esophageal reflux disease without esophagitis"),
        new("N39.0", "Urinary tract infection, site not specified"),
        new("R51.9", "Headache, unspecified"),
        new("E66.9", "Obesity, unspecified"),
        new("J45.20", "Mild intermittent asthma, uncomplicated"),
        new("E03.9", "Hypothyroidism, unspecified"),
        new("R10.9", "Unspecified abdominal pain"),
        new("Z23", "Encounter for immunization"),
        new("J02.9", "Acute pharyngitis, unspecified"),
        new("R05.9", "Cough, unspecified"),
        new("I25.10", "Atherosclerotic heart disease of native coronary artery without angina pectoris"),
        new("E55.9", "Vitamin D deficiency, unspecified"),
        new("G47.00", "Insomnia, unspecified"),
        new("L30.9", "Dermatitis, unspecified"),
        new("H10.9", "Unspecified conjunctivitis"),
        new("Z79.4", "Long term (current) use of insulin"),
        new("N18.30", "Chronic kidney disease, stage 3 unspecified"),
    ];

    /// <summary>Evaluation and management visits first (the codes most claims carry).</summary>
    public static readonly ImmutableArray<MedicalCode> Cpt =
    [
        new("99213", "Office visit, established patient, low complexity", 13_500),
        new("99214", "Office visit, established patient, moderate complexity", 19_500),
        new("99212", "Office visit, established patient, straightforward", 9_000),
        new("99215", "Office visit, established patient, high complexity", 26_500),
        new("99203", "Office visit, new patient, low complexity", 16_000),
        new("99204", "Office visit, new patient, moderate complexity", 24_500),
        new("99396", "Preventive visit, established patient, 40-64 years", 27_000),
        new("99395", "Preventive visit, established patient, 18-39 years", 24_000),
        new("99441", "Telephone evaluation, 5-10 minutes", 6_000),
        new("90471", "Immunization administration, single vaccine", 3_500),
        new("90686", "Influenza vaccine, quadrivalent, preservative free", 4_200),
        new("93000", "Electrocardiogram, routine, with interpretation", 7_500),
        new("85025", "Complete blood count (CBC) with differential", 2_800),
        new("80053", "Comprehensive metabolic panel", 3_900),
        new("83036", "Hemoglobin A1c", 3_000),
        new("81002", "Urinalysis, non-automated, without microscopy", 1_200),
        new("96127", "Brief emotional/behavioral assessment", 2_500),
        new("99401", "Preventive counseling, \"healthy habits\", about 15 minutes", 6_500),
        new("36415", "Routine venipuncture", 1_500),
        new("71046", "Chest X-ray, 2 views", 11_000),
    ];

    /// <summary>How many leading <see cref="Cpt"/> entries are office visits.</summary>
    public const int OfficeVisitCodes = 6;

    public static readonly ImmutableArray<string> Conditions =
    [
        "Strain", "Contusion", "Inflammation", "Disorder", "Lesion", "Pain", "Infection", "Sprain", "Cyst", "Stiffness",
    ];

    public static readonly ImmutableArray<string> Sites =
    [
        "left knee", "right knee", "left shoulder", "right shoulder", "lower back", "upper arm", "left ankle",
        "right wrist", "neck", "chest wall", "left hip", "right foot", "scalp", "abdominal wall",
    ];

    public static readonly ImmutableArray<string> Qualifiers =
    [
        "unspecified", "initial encounter", "subsequent encounter", "chronic", "acute", "recurrent",
    ];

    public static readonly ImmutableArray<string> Procedures =
    [
        "Imaging of", "Injection of", "Repair of", "Excision of lesion of", "Aspiration of", "Physical therapy for",
    ];

    public static readonly ImmutableArray<string> ProcedureVariants =
    [
        "single view", "2 views", "with ultrasound guidance", "simple", "complex", "each 15 minutes",
    ];
}
