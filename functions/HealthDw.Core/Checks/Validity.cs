namespace HealthDw.Core.Checks;

/// <summary>What counts as missing and as valid, for missing_* and invalid_* metrics.</summary>
public sealed record Validity(
    IReadOnlyList<string> MissingValues, double? Min, double? Max, IReadOnlyList<string> Values, string? Regex,
    int? Length, int? MinLength, int? MaxLength)
{
    public static readonly Validity None = new([], null, null, [], null, null, null, null);

    public bool DefinesValidity => Min is not null || Max is not null || Values.Count > 0 || Regex is not null
                                   || Length is not null || MinLength is not null || MaxLength is not null;
}
