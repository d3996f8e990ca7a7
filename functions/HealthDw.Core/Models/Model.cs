namespace HealthDw.Core.Models;

/// <summary>One model file: a SELECT with refs and sources, and how to materialise it.</summary>
public sealed record Model(string Name, string File, ModelConfig Config, IReadOnlyList<TemplatePart> Template,
    IReadOnlyList<ModelRef> Refs, IReadOnlyList<ModelSource> Sources);

/// <summary>A <c>{{ ref('name') }}</c> and where it is written.</summary>
public sealed record ModelRef(string Name, int Line, int Column);

/// <summary>A <c>{{ source('staging', 'table') }}</c> and where it is written.</summary>
public sealed record ModelSource(string Schema, string Table, int Line, int Column);
