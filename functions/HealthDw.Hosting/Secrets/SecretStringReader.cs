using System.Text.Json;

namespace HealthDw.Hosting.Secrets;

/// <summary>Finds the top-level "SecretString" of a GetSecretValue response, with no reflection.</summary>
internal static class SecretStringReader
{
    /// <returns>The value; null when the response has none (a binary secret, or no such member).</returns>
    /// <exception cref="JsonException">The body is not a JSON object. Its message may quote the body: never show it.</exception>
    public static string? Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new JsonException();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isSecretString = reader.ValueTextEquals("SecretString"u8);
            if (!reader.Read()) break;
            if (isSecretString) return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            reader.Skip();
        }

        return null;
    }
}
