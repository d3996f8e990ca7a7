using System.Collections.Immutable;

namespace HealthDw.Generator.Data;

/// <summary>Vocabularies of the care side: specialties, visit types, payers, payment methods.</summary>
internal static class CareTerms
{
    public static readonly ImmutableArray<string> Specialties =
    [
        "Family Medicine", "Internal Medicine", "Pediatrics", "Cardiology", "Dermatology",
        "Obstetrics & Gynecology", "Orthopedic Surgery", "Psychiatry", "Endocrinology", "Neurology",
        "Gastroenterology", "Physical Medicine & Rehabilitation",
    ];

    /// <summary>Visit types, most frequent first.</summary>
    public static readonly ImmutableArray<string> VisitTypes =
    [
        "Office Visit", "Follow-Up", "Annual Physical", "New Patient", "Telehealth", "Urgent Care",
    ];

    /// <summary>Payers, most frequent first; one needs CSV quoting.</summary>
    public static readonly ImmutableArray<string> Payers =
    [
        "Medicare", "Blue Cross Blue Shield", "Medicaid", "UnitedHealthcare", "Aetna", "Cigna",
        "Humana", "Acme Health Plan, Inc.", "Self-Pay",
    ];

    public static readonly ImmutableArray<string> PaymentMethods = ["eft", "check", "virtual_card"];
}
