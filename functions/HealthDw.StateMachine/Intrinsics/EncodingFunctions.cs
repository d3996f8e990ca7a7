using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace HealthDw.StateMachine.Intrinsics;

/// <summary>States.Base64Encode, States.Base64Decode and States.Hash (spec, Appendix B).</summary>
internal static class EncodingFunctions
{
    private const int MaxInputCharacters = 10_000;

    public static JsonNode Base64Encode(IntrinsicArguments args)
    {
        var text = Limited(args, args.String(0));
        return JsonValue.Create(Convert.ToBase64String(Encoding.UTF8.GetBytes(text)));
    }

    public static JsonNode Base64Decode(IntrinsicArguments args)
    {
        var text = Limited(args, args.String(0));
        try
        {
            return JsonValue.Create(new UTF8Encoding(false, true).GetString(Convert.FromBase64String(text)));
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            throw args.Fail("the argument is not Base64-encoded UTF-8 text");
        }
    }

    /// <summary>The lower-case hex digest of the data; data that is not a string is hashed as its JSON text.</summary>
    public static JsonNode Hash(IntrinsicArguments args)
    {
        var data = args[0] is JsonValue value && value.TryGetValue(out string? s) ? s : Json.JsonText.Compact(args[0]);
        Limited(args, data);
        var bytes = Encoding.UTF8.GetBytes(data);
        var digest = args.String(1) switch
        {
            "MD5" => MD5.HashData(bytes),
            "SHA-1" => SHA1.HashData(bytes),
            "SHA-256" => SHA256.HashData(bytes),
            "SHA-384" => SHA384.HashData(bytes),
            "SHA-512" => SHA512.HashData(bytes),
            var other => throw args.Fail($"'{other}' is not a hashing algorithm (MD5, SHA-1, SHA-256, SHA-384 or SHA-512)"),
        };
        return JsonValue.Create(Convert.ToHexStringLower(digest));
    }

    private static string Limited(IntrinsicArguments args, string text) =>
        text.Length <= MaxInputCharacters ? text : throw args.Fail($"the input has {text.Length} characters; at most {MaxInputCharacters} are allowed");
}
