using System.Text.Json;
using System.Text.Json.Nodes;
using HealthDw.StateMachine.Json;

namespace HealthDw.StateMachine.Paths;

/// <summary>
/// The expression inside <c>[?( ... )]</c>: comparisons (<c>== != &lt; &lt;= &gt; &gt;=</c>) between
/// relative paths (<c>@.x</c>), absolute paths and literals, existence tests (<c>@.x</c>), <c>!</c>,
/// <c>&amp;&amp;</c>, <c>||</c> and parentheses. Regular expressions and functions are not supported.
/// </summary>
internal abstract record FilterExpression
{
    public abstract bool Test(JsonNode? current, JsonNode? root);
}

internal sealed record AndFilter(FilterExpression Left, FilterExpression Right) : FilterExpression
{
    public override bool Test(JsonNode? current, JsonNode? root) => Left.Test(current, root) && Right.Test(current, root);
}

internal sealed record OrFilter(FilterExpression Left, FilterExpression Right) : FilterExpression
{
    public override bool Test(JsonNode? current, JsonNode? root) => Left.Test(current, root) || Right.Test(current, root);
}

internal sealed record NotFilter(FilterExpression Inner) : FilterExpression
{
    public override bool Test(JsonNode? current, JsonNode? root) => !Inner.Test(current, root);
}

/// <summary>An operand alone: true when a path finds something (and a literal is not false or null).</summary>
internal sealed record ExistsFilter(FilterOperand Operand) : FilterExpression
{
    public override bool Test(JsonNode? current, JsonNode? root)
    {
        if (!Operand.TryResolve(current, root, out var value))
            return false;
        return Operand is not LiteralOperand || (value is not null && value.GetValueKind() != JsonValueKind.False);
    }
}

internal sealed record ComparisonFilter(FilterOperand Left, string Operator, FilterOperand Right) : FilterExpression
{
    public override bool Test(JsonNode? current, JsonNode? root)
    {
        var hasLeft = Left.TryResolve(current, root, out var left);
        var hasRight = Right.TryResolve(current, root, out var right);
        if (!hasLeft || !hasRight)
            return Operator == "!=" && hasLeft != hasRight;
        switch (Operator)
        {
            case "==": return JsonEquality.Equal(left, right);
            case "!=": return !JsonEquality.Equal(left, right);
        }
        int order;
        if (JsonNumbers.TryGetDouble(left, out var x) && JsonNumbers.TryGetDouble(right, out var y))
            order = x.CompareTo(y);
        else if (left?.GetValueKind() == JsonValueKind.String && right?.GetValueKind() == JsonValueKind.String)
            order = string.CompareOrdinal(left.GetValue<string>(), right.GetValue<string>());
        else
            return false;
        return Operator switch
        {
            "<" => order < 0,
            "<=" => order <= 0,
            ">" => order > 0,
            ">=" => order >= 0,
            _ => false,
        };
    }
}

internal abstract record FilterOperand
{
    public abstract bool TryResolve(JsonNode? current, JsonNode? root, out JsonNode? value);
}

internal sealed record LiteralOperand(JsonNode? Value) : FilterOperand
{
    public override bool TryResolve(JsonNode? current, JsonNode? root, out JsonNode? value)
    {
        value = Value;
        return true;
    }
}

/// <summary>A path from the current element (<c>@</c>) or from the document root (<c>$</c>).</summary>
internal sealed record PathOperand(bool FromCurrent, IReadOnlyList<PathSegment> Segments) : FilterOperand
{
    public override bool TryResolve(JsonNode? current, JsonNode? root, out JsonNode? value)
    {
        var matches = PathEvaluator.Select(FromCurrent ? current : root, Segments, root);
        value = matches.Count > 0 ? matches[0] : null;
        return matches.Count > 0;
    }
}
