using System.Text;
using System.Text.Json;
using HealthDw.Core.Ports;
using HealthDw.Functions.Runtime;

namespace HealthDw.Hosting.Secrets;

/// <summary>
/// Secrets for local runs: the environment variable <c>HEALTHDW_SECRET_&lt;ID&gt;</c> (the id upper-cased,
/// every character but A-Z and 0-9 turned into '_'), else a JSON file <c>{"id": "value", ...}</c>
/// kept outside the repository, read once. Errors name ids, variables and the file; never values.
/// </summary>
public sealed class EnvironmentSecrets : ISecrets
{
    public const string VariablePrefix = "HEALTHDW_SECRET_";

    private readonly IEnvironmentVariables _environment;
    private readonly string? _filePath;
    private readonly Lazy<IReadOnlyDictionary<string, string>> _file;

    /// <param name="filePath">The JSON file of id → value, or null for environment variables only.</param>
    public EnvironmentSecrets(IEnvironmentVariables environment, string? filePath = null)
    {
        _environment = environment;
        _filePath = string.IsNullOrEmpty(filePath) ? null : Path.GetFullPath(filePath);
        _file = new Lazy<IReadOnlyDictionary<string, string>>(ReadFile);
    }

    public static string VariableFor(string secretId)
    {
        var name = new StringBuilder(VariablePrefix, VariablePrefix.Length + secretId.Length);
        foreach (var c in secretId.ToUpperInvariant()) name.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        return name.ToString();
    }

    public Task<string> GetAsync(string secretId, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(secretId);
        var variable = VariableFor(secretId);
        if (_environment.Get(variable) is { } fromEnvironment) return Task.FromResult(fromEnvironment);
        if (_filePath is not null && _file.Value.TryGetValue(secretId, out var fromFile)) return Task.FromResult(fromFile);
        var file = _filePath is null ? "no secrets file given" : File.Exists(_filePath) ? $"file {_filePath}" : $"file {_filePath}, which does not exist";
        throw new SecretNotFoundException(secretId, $"environment variable {variable}; {file}");
    }

    private IReadOnlyDictionary<string, string> ReadFile()
    {
        if (!File.Exists(_filePath)) return new Dictionary<string, string>();
        var bytes = File.ReadAllBytes(_filePath);
        try
        {
            var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
            var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw Malformed(1);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var id = reader.GetString()!;
                if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                    throw new InvalidDataException($"secrets file {_filePath}: the value of '{id}' is not a string");
                secrets[id] = reader.GetString()!;
            }

            return secrets;
        }
        catch (JsonException e)
        {
            // Not wrapped: JsonException's message can quote the file's text, secrets included.
            throw Malformed(e.LineNumber + 1);
        }
    }

    private InvalidDataException Malformed(long? line) =>
        new($"secrets file {_filePath} is not a JSON object of id → string value (line {line})");
}
