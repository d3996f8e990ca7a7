using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace HealthDw.Core.Drops;

/// <summary>
/// Reads a manifest's <c>control_totals</c>: an object of measure name → figure, where a figure is a JSON number or a
/// string holding a plain decimal (<c>"123456.78"</c>). Both are read digit by digit into a decimal, never through a
/// binary float, so a total of cents stays exact; strings are accepted because exporters that keep money as decimals
/// (and those whose readers are JavaScript) commonly write them so. Anything else is refused with the field's name, and
/// the serializer adds the line and byte.
/// </summary>
public sealed partial class ControlTotalsJsonConverter : JsonConverter<IReadOnlyDictionary<string, decimal>>
{
    /// <summary>Thrown here, so the reader can tell a control total's problem (worth its text) from the serializer's own.</summary>
    internal sealed class ProblemException(string problem) : JsonException(problem);

    public override IReadOnlyDictionary<string, decimal> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new ProblemException("\"control_totals\" must be an object of name: figure, such as {\"appointments\": 1234, \"billed_amount\": \"123456.78\"}");
        var totals = new Dictionary<string, decimal>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            if (!Name().IsMatch(name))
                throw new ProblemException("a control total's name must be lower-case letters, digits and '_', starting with a letter");
            if (totals.ContainsKey(name)) throw new ProblemException($"control total \"{name}\" is given twice");
            reader.Read();
            totals[name] = reader.TokenType switch
            {
                JsonTokenType.Number when reader.TryGetDecimal(out var number) => number,
                JsonTokenType.String when reader.GetString() is { } text && Plain().IsMatch(text)
                    && decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed) => parsed,
                _ => throw new ProblemException($"control total \"{name}\" must be a number or a string holding a decimal such as \"123456.78\""),
            };
        }

        return totals;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, decimal> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (name, total) in value) writer.WriteString(name, total.ToString(CultureInfo.InvariantCulture));
        writer.WriteEndObject();
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex Name();

    /// <summary>The schema's pattern for a figure written as a string: an optional minus, digits, and optional decimals.</summary>
    [GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?$")]
    private static partial Regex Plain();
}
