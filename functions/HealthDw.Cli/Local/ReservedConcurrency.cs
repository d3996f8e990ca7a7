using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HealthDw.Cli.Local;

/// <summary>
/// How many invocations of a function may run at once, by handler name (<c>load-to-staging</c>): the
/// reserved concurrency that <c>infra-cdk/stages.json</c> gives a stage's functions
/// (<c>"concurrency": { "loadToStaging": 2, ... }</c>). A function without an entry has no limit here
/// (on AWS it shares the account's unreserved pool, which a laptop's drops never exhaust).
/// </summary>
public sealed class ReservedConcurrency
{
    public ReservedConcurrency(IReadOnlyDictionary<string, int> byHandler)
    {
        ArgumentNullException.ThrowIfNull(byHandler);
        foreach (var (handler, limit) in byHandler)
        {
            // Lambda accepts 0: the function is throttled entirely ("set it to 0 to stop a function").
            if (limit < 0) throw new ArgumentOutOfRangeException(nameof(byHandler), $"{handler}: reserved concurrency {limit} is negative");
        }

        ByHandler = new Dictionary<string, int>(byHandler, StringComparer.Ordinal);
    }

    /// <summary>No limits: every invocation runs, as before reserved concurrency was modelled.</summary>
    public static ReservedConcurrency None { get; } = new(new Dictionary<string, int>());

    public IReadOnlyDictionary<string, int> ByHandler { get; }

    public int? LimitOf(string handler) => ByHandler.TryGetValue(handler, out var limit) ? limit : null;

    /// <summary>
    /// The <c>concurrency</c> block of <paramref name="stage"/> in a <c>stages.json</c>, its camelCase keys
    /// turned into handler names (<c>loadToStaging</c> → <c>load-to-staging</c>), so that the local run
    /// throttles what that stage's deployment would.
    /// </summary>
    public static ReservedConcurrency FromStagesFile(string path, string stage)
    {
        var root = JsonNode.Parse(File.ReadAllText(path));
        var stageNode = root?["stages"]?[stage] as JsonObject
            ?? throw new InvalidDataException($"{path}: no stage '{stage}' under \"stages\"");
        var limits = new Dictionary<string, int>(StringComparer.Ordinal);
        if (stageNode["concurrency"] is not JsonObject concurrency) return new ReservedConcurrency(limits);
        foreach (var (key, value) in concurrency)
        {
            if (value is not JsonValue number || number.GetValueKind() != JsonValueKind.Number || !number.TryGetValue(out int limit))
                throw new InvalidDataException($"{path}: {stage}.concurrency.{key} must be a whole number");
            limits[HandlerName(key)] = limit;
        }

        return new ReservedConcurrency(limits);
    }

    /// <summary><c>loadToStaging</c> → <c>load-to-staging</c>.</summary>
    public static string HandlerName(string camelCase)
    {
        var name = new StringBuilder(camelCase.Length + 4);
        foreach (var c in camelCase)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                if (name.Length > 0) name.Append('-');
                name.Append(char.ToLowerInvariant(c));
            }
            else
            {
                name.Append(c);
            }
        }

        return name.ToString();
    }
}
