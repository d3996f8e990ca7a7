namespace HealthDw.Generator;

/// <summary>What <see cref="ExtractGenerator.Generate"/> wrote: the drop's files (as listed in its manifest) and any faults.</summary>
public sealed record GeneratedDrop(
    string DropId,
    IReadOnlyList<GeneratedFile> Files,
    IReadOnlyList<GeneratedFault> Faults);
