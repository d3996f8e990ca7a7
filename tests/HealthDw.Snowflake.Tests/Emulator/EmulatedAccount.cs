using System.Text.Json;
using System.Text.RegularExpressions;
using HealthDw.Tests.Support;

namespace HealthDw.Snowflake.Tests.Emulator;

/// <summary>
/// The account-level objects of the emulated Snowflake (roles, warehouses, databases, schemas, stages), kept as Snowflake
/// stores them, and the check every request's context passes first. The storing rule is written here on its own, from
/// Snowflake's "Identifier requirements", not borrowed from the adapter: an unquoted name is stored upper case, a
/// double-quoted one as it is inside the quotes. The SQL API's <c>role</c>, <c>warehouse</c>, <c>database</c> and
/// <c>schema</c> fields are case-sensitive and must match the stored name ("Submitting a request to execute SQL
/// statements"): a request whose context names no stored object is refused, with the errors Snowflake's session layer
/// gives for a context it cannot open (390189 for the role, 390201 for the rest, SQLSTATE 08004), in the SQL API's
/// failure shape (422 QueryFailureStatus, "Getting details about an error").
/// <para>By default it holds what <c>warehouse/snowflake/setup.sql</c> creates, read from the file as an administrator would
/// run it: the emulator then refuses any request the shipped setup would not let through.</para>
/// </summary>
internal sealed partial class EmulatedAccount
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _roles = new(StringComparer.Ordinal);
    private readonly HashSet<string> _warehouses = new(StringComparer.Ordinal);
    private readonly HashSet<string> _databases = new(StringComparer.Ordinal);
    private readonly HashSet<(string Database, string Schema)> _schemas = [];
    private readonly HashSet<(string Database, string Schema, string Stage)> _stages = [];

    public static string ShippedSetupPath => Path.Combine(Repo.Root, "warehouse", "snowflake", "setup.sql");

    /// <summary>The objects the shipped <c>setup.sql</c> creates.</summary>
    public static EmulatedAccount FromShippedSetup()
    {
        var account = new EmulatedAccount();
        account.Run(File.ReadAllText(ShippedSetupPath));
        return account;
    }

    public IReadOnlyCollection<string> Roles => Snapshot(_roles);

    public IReadOnlyCollection<string> Warehouses => Snapshot(_warehouses);

    public IReadOnlyCollection<string> Databases => Snapshot(_databases);

    /// <summary>Stored schemas as <c>DATABASE.SCHEMA</c>.</summary>
    public IReadOnlyCollection<string> Schemas => Snapshot(_schemas).Select(s => $"{s.Database}.{s.Schema}").ToList();

    /// <summary>Stored stages as <c>DATABASE.SCHEMA.STAGE</c>.</summary>
    public IReadOnlyCollection<string> Stages => Snapshot(_stages).Select(s => $"{s.Database}.{s.Schema}.{s.Stage}").ToList();

    /// <summary>Runs the CREATE ROLE / WAREHOUSE / DATABASE / SCHEMA / STAGE statements of a script (comments and every other
    /// statement skipped). Schemas and stages are fully qualified in the shipped script; anything else is refused.</summary>
    public void Run(string script)
    {
        foreach (var statement in Comment().Replace(script, "").Split(';'))
        {
            var create = Create().Match(statement);
            if (!create.Success)
                continue;
            var parts = Parts(create.Groups["name"].Value);
            var kind = create.Groups["kind"].Value.ToLowerInvariant();
            lock (_gate)
            {
                switch (kind, parts.Count)
                {
                    case ("role", 1): _roles.Add(parts[0]); break;
                    case ("warehouse", 1): _warehouses.Add(parts[0]); break;
                    case ("database", 1): _databases.Add(parts[0]); break;
                    case ("schema", 2) when _databases.Contains(parts[0]): _schemas.Add((parts[0], parts[1])); break;
                    case ("stage", 3) when _schemas.Contains((parts[0], parts[1])): _stages.Add((parts[0], parts[1], parts[2])); break;
                    default:
                        throw new InvalidOperationException($"the emulator cannot run '{create.Value.Trim()}': a {kind} needs its full name, and its parent must exist first");
                }
            }
        }
    }

    /// <summary>Null when Snowflake would open a session with the request's context; else the refusal.</summary>
    public EmulatorException? RefuseContext(JsonElement body)
    {
        string? Field(string name) => body.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        lock (_gate)
        {
            if (Field("role") is { } role && !_roles.Contains(role))
                return new EmulatorException("390189", "08004",
                    $"Role '{role}' specified in the connect string does not exist or not authorized. Contact your local system administrator, "
                    + "or attempt to login with another role, e.g. PUBLIC.");
            if (Field("warehouse") is { } warehouse && !_warehouses.Contains(warehouse))
                return Unknown("warehouse");
            var database = Field("database");
            if (database is not null && !_databases.Contains(database))
                return Unknown("database");
            if (Field("schema") is { } schema && (database is null || !_schemas.Contains((database, schema))))
                return Unknown("schema");
            return null;
        }
    }

    /// <summary>Throws Snowflake's compilation error unless the COPY's stage (<c>db.schema.stage</c>, or <c>schema.stage</c> in
    /// the request's database; unquoted, so upper case when stored) exists.</summary>
    public void RequireStage(string stage, string? requestDatabase)
    {
        var parts = stage.Split('.').Select(p => p.ToUpperInvariant()).ToArray();
        var (database, schema, name) = parts.Length switch
        {
            3 => (parts[0], parts[1], parts[2]),
            2 => (requestDatabase ?? "", parts[0], parts[1]),
            _ => ("", "", stage.ToUpperInvariant()),
        };
        lock (_gate)
        {
            if (!_stages.Contains((database, schema, name)))
                throw new EmulatorException("002003", "02000", $"SQL compilation error:\nStage '{database}.{schema}.{name}' does not exist or not authorized.");
        }
    }

    private static EmulatorException Unknown(string what) =>
        new("390201", "08004", $"The requested {what} does not exist or not authorized.");

    /// <summary>The parts of a dotted name, each stored as Snowflake stores it.</summary>
    private static List<string> Parts(string name) =>
        [.. NamePart().Matches(name).Select(m => m.Groups["quoted"].Success
            ? m.Groups["quoted"].Value.Replace("\"\"", "\"", StringComparison.Ordinal)
            : m.Groups["bare"].Value.ToUpperInvariant())];

    private IReadOnlyCollection<T> Snapshot<T>(IEnumerable<T> items)
    {
        lock (_gate)
            return [.. items];
    }

    [GeneratedRegex(@"--[^\n]*", RegexOptions.CultureInvariant)]
    private static partial Regex Comment();

    [GeneratedRegex("""^\s*create\s+(?:or\s+replace\s+)?(?<kind>role|warehouse|database|schema|stage)\s+(?:if\s+not\s+exists\s+)?(?<name>(?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*)(?:\.(?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*))*)""",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Create();

    [GeneratedRegex("""(?:"(?<quoted>(?:[^"]|"")+)"|(?<bare>[A-Za-z_][\w$]*))""", RegexOptions.CultureInvariant)]
    private static partial Regex NamePart();
}
