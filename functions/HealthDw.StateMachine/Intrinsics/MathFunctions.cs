using System.Text.Json.Nodes;
using HealthDw.StateMachine.Json;

namespace HealthDw.StateMachine.Intrinsics;

/// <summary>States.MathRandom and States.MathAdd (spec, Appendix B).</summary>
internal static class MathFunctions
{
    /// <summary>
    /// An integer between the start and the end, both included. With a seed argument the same seed
    /// always gives the same number; without one the number comes from the injected random source.
    /// </summary>
    public static JsonNode MathRandom(IntrinsicArguments args, IntrinsicEnvironment env)
    {
        var start = args.Integer(0);
        var end = args.Integer(1);
        if (end < start)
            throw args.Fail("the end must not be less than the start");
        var span = end - start + 1;
        double draw;
        if (args.Count == 3)
        {
            var seed = args.Integer(2);
            draw = new Random(unchecked((int)seed)).NextDouble();
        }
        else
            draw = env.Random.NextDouble();
        return JsonNumbers.Create(start + Math.Min(span - 1, (long)Math.Floor(draw * span)));
    }

    public static JsonNode MathAdd(IntrinsicArguments args)
    {
        var a = args.Integer(0);
        var b = args.Integer(1);
        try
        {
            return JsonNumbers.Create(checked(a + b));
        }
        catch (OverflowException)
        {
            throw args.Fail("the sum does not fit in a 64-bit integer");
        }
    }
}
