namespace HealthDw.StateMachine.Paths;

/// <summary>One step of a parsed JSONPath.</summary>
internal abstract record PathSegment
{
    /// <summary>True when the step selects at most one node (a field name or a single index).</summary>
    public abstract bool IsDefinite { get; }
}

/// <summary><c>.name</c> or <c>['name']</c>.</summary>
internal sealed record FieldSegment(string Name) : PathSegment
{
    public override bool IsDefinite => true;
}

/// <summary><c>['a','b']</c>: several fields.</summary>
internal sealed record FieldUnionSegment(IReadOnlyList<string> Names) : PathSegment
{
    public override bool IsDefinite => false;
}

/// <summary><c>[n]</c>; a negative index counts from the end, as in Jayway JsonPath.</summary>
internal sealed record IndexSegment(int Index) : PathSegment
{
    public override bool IsDefinite => true;
}

/// <summary><c>[1,3]</c>: several indexes.</summary>
internal sealed record IndexUnionSegment(IReadOnlyList<int> Indexes) : PathSegment
{
    public override bool IsDefinite => false;
}

/// <summary><c>[start:end:step]</c>, with Python-like bounds.</summary>
internal sealed record SliceSegment(int? Start, int? End, int Step) : PathSegment
{
    public override bool IsDefinite => false;
}

/// <summary><c>.*</c> or <c>[*]</c>: every element of an array or every value of an object.</summary>
internal sealed record WildcardSegment : PathSegment
{
    public override bool IsDefinite => false;
}

/// <summary><c>..step</c>: the step applied to the node and to every descendant.</summary>
internal sealed record DescendantSegment(PathSegment Step) : PathSegment
{
    public override bool IsDefinite => false;
}

/// <summary><c>[?(expression)]</c>: the elements (or object values) for which the expression holds.</summary>
internal sealed record FilterSegment(FilterExpression Filter) : PathSegment
{
    public override bool IsDefinite => false;
}
