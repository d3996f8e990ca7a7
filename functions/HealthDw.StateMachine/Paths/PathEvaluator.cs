using System.Text.Json.Nodes;

namespace HealthDw.StateMachine.Paths;

/// <summary>Applies parsed path steps to a JSON value; the matches are nodes of the input, not copies.</summary>
internal static class PathEvaluator
{
    public static List<JsonNode?> Select(JsonNode? start, IReadOnlyList<PathSegment> segments, JsonNode? root)
    {
        var current = new List<JsonNode?> { start };
        foreach (var segment in segments)
        {
            var next = new List<JsonNode?>();
            foreach (var node in current)
                Apply(segment, node, root, next);
            current = next;
            if (current.Count == 0)
                break;
        }
        return current;
    }

    private static void Apply(PathSegment segment, JsonNode? node, JsonNode? root, List<JsonNode?> into)
    {
        switch (segment)
        {
            case FieldSegment field:
                if (node is JsonObject obj && obj.TryGetPropertyValue(field.Name, out var value))
                    into.Add(value);
                break;
            case FieldUnionSegment union:
                if (node is JsonObject unionObject)
                {
                    foreach (var name in union.Names)
                    {
                        if (unionObject.TryGetPropertyValue(name, out var member))
                            into.Add(member);
                    }
                }
                break;
            case IndexSegment index:
                if (node is JsonArray array && TryIndex(array, index.Index, out var element))
                    into.Add(element);
                break;
            case IndexUnionSegment indexes:
                if (node is JsonArray indexArray)
                {
                    foreach (var i in indexes.Indexes)
                    {
                        if (TryIndex(indexArray, i, out var item))
                            into.Add(item);
                    }
                }
                break;
            case SliceSegment slice:
                if (node is JsonArray sliceArray)
                    AddSlice(sliceArray, slice, into);
                break;
            case WildcardSegment:
                AddChildren(node, into);
                break;
            case DescendantSegment descendant:
                ApplyToDescendants(descendant.Step, node, root, into);
                break;
            case FilterSegment filter:
                var candidates = new List<JsonNode?>();
                AddChildren(node, candidates);
                foreach (var candidate in candidates)
                {
                    if (filter.Filter.Test(candidate, root))
                        into.Add(candidate);
                }
                break;
        }
    }

    private static void ApplyToDescendants(PathSegment step, JsonNode? node, JsonNode? root, List<JsonNode?> into)
    {
        Apply(step, node, root, into);
        var children = new List<JsonNode?>();
        AddChildren(node, children);
        foreach (var child in children)
            ApplyToDescendants(step, child, root, into);
    }

    private static void AddChildren(JsonNode? node, List<JsonNode?> into)
    {
        if (node is JsonArray array)
            into.AddRange(array);
        else if (node is JsonObject obj)
        {
            foreach (var (_, value) in obj)
                into.Add(value);
        }
    }

    private static bool TryIndex(JsonArray array, int index, out JsonNode? element)
    {
        var i = index < 0 ? array.Count + index : index;
        element = i >= 0 && i < array.Count ? array[i] : null;
        return i >= 0 && i < array.Count;
    }

    private static void AddSlice(JsonArray array, SliceSegment slice, List<JsonNode?> into)
    {
        var count = array.Count;
        int Clamp(int value, int low, int high) => Math.Max(low, Math.Min(high, value));
        int Normalize(int value) => value < 0 ? value + count : value;
        if (slice.Step > 0)
        {
            var start = Clamp(slice.Start is { } s ? Normalize(s) : 0, 0, count);
            var end = Clamp(slice.End is { } e ? Normalize(e) : count, 0, count);
            for (var i = start; i < end; i += slice.Step)
                into.Add(array[i]);
        }
        else
        {
            var start = Clamp(slice.Start is { } s ? Normalize(s) : count - 1, -1, count - 1);
            var end = Clamp(slice.End is { } e ? Normalize(e) : -1, -1, count - 1);
            for (var i = start; i > end; i += slice.Step)
                into.Add(array[i]);
        }
    }
}
