namespace HealthDw.Generator.Data;

/// <summary>A code of the catalogue; <paramref name="PriceCents"/> is the list price (CPT only).</summary>
internal sealed record MedicalCode(string Code, string Description, long PriceCents = 0);
