using System.Text.Json.Nodes;
using HealthDw.StateMachine.Json;

namespace HealthDw.StateMachine.Intrinsics;

/// <summary>States.Array, ArrayPartition, ArrayContains, ArrayRange, ArrayGetItem, ArrayLength and ArrayUnique (spec, Appendix B).</summary>
internal static class ArrayFunctions
{
    private const int MaxRangeItems = 1000;

    public static JsonNode Array(IntrinsicArguments args)
    {
        var array = new JsonArray();
        for (var i = 0; i < args.Count; i++)
            array.Add(JsonText.Clone(args[i]));
        return array;
    }

    /// <summary>Chunks of the given size; the last may be shorter. The size must be a positive integer.</summary>
    public static JsonNode Partition(IntrinsicArguments args)
    {
        var source = args.Array(0);
        var size = args.Integer(1);
        if (size <= 0)
            throw args.Fail("the chunk size must be a positive integer");
        var chunks = new JsonArray();
        JsonArray? chunk = null;
        foreach (var item in source)
        {
            if (chunk is null || chunk.Count == size)
            {
                chunk = new JsonArray();
                chunks.Add((JsonNode)chunk);
            }
            chunk.Add(JsonText.Clone(item));
        }
        return chunks;
    }

    public static JsonNode Contains(IntrinsicArguments args)
    {
        var source = args.Array(0);
        var wanted = args[1];
        return JsonValue.Create(source.Any(item => JsonEquality.Equal(item, wanted)));
    }

    /// <summary>From the first to the last value (inclusive) by a non-zero step; at most 1000 items.</summary>
    public static JsonNode Range(IntrinsicArguments args)
    {
        var start = args.Integer(0);
        var end = args.Integer(1);
        var step = args.Integer(2);
        if (step == 0)
            throw args.Fail("the step must not be 0");
        var count = (end - start) / step + 1;
        if (count > MaxRangeItems)
            throw args.Fail($"the range would have {count} items; at most {MaxRangeItems} are allowed");
        var range = new JsonArray();
        for (var value = start; step > 0 ? value <= end : value >= end; value += step)
            range.Add((JsonNode)JsonNumbers.Create(value));
        return range;
    }

    public static JsonNode? GetItem(IntrinsicArguments args)
    {
        var source = args.Array(0);
        var index = args.Integer(1);
        if (index < 0 || index >= source.Count)
            throw args.Fail($"index {index} is outside the array of {source.Count} items");
        return JsonText.Clone(source[(int)index]);
    }

    public static JsonNode Length(IntrinsicArguments args) => JsonNumbers.Create(args.Array(0).Count);

    /// <summary>The distinct values, each at its first position.</summary>
    public static JsonNode Unique(IntrinsicArguments args)
    {
        var unique = new JsonArray();
        var kept = new List<JsonNode?>();
        foreach (var item in args.Array(0))
        {
            if (kept.Any(k => JsonEquality.Equal(k, item)))
                continue;
            kept.Add(item);
            unique.Add(JsonText.Clone(item));
        }
        return unique;
    }
}
