namespace HealthDw.Generator;

/// <summary>One deliberately broken file, written under <c>faults/&lt;fault&gt;/</c> and not listed in the manifest.</summary>
public sealed record GeneratedFault(string Fault, string RelativePath, string Table, string Description);
