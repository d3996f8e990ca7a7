namespace HealthDw.Core.Models;

/// <summary>A piece of a model's SQL template: literal text, a <c>{{ call(...) }}</c>, or an
/// <c>{% if is_incremental() %}</c> block.</summary>
public abstract record TemplatePart(int Line);

public sealed record TextPart(int Line, string Text) : TemplatePart(Line);

public sealed record CallPart(int Line, int Column, string Name, IReadOnlyList<TemplateValue> Args, IReadOnlyDictionary<string, TemplateValue> Named)
    : TemplatePart(Line)
{
    public string Arg(int index) => Args.Count > index && Args[index] is { Text: { } text } ? text : "";

    public TemplateValue? ArgValue(int index) => Args.Count > index ? Args[index] : null;
}

public sealed record IncrementalPart(int Line, IReadOnlyList<TemplatePart> WhenIncremental, IReadOnlyList<TemplatePart> Otherwise) : TemplatePart(Line);

/// <summary>A macro argument: a quoted string or number (<c>Text</c>), a list of them, or a call
/// without arguments such as <c>as_of()</c> (<c>Call</c>).</summary>
public sealed record TemplateValue(string? Text, IReadOnlyList<string>? List, string? Call = null);
