using System.Text.Json;
using System.Text.Json.Serialization;

namespace HealthDw.Core.Pipeline;

/// <summary>A <see cref="DropId"/> is written and read as its string, so step payloads keep their shape.</summary>
public sealed class DropIdJsonConverter : JsonConverter<DropId>
{
    public override DropId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? new DropId(reader.GetString()!)
            : throw new JsonException($"a drop id is a string; this one is {reader.TokenType}");

    public override void Write(Utf8JsonWriter writer, DropId value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}
