using System.Text.Json;
using System.Text.RegularExpressions;
using HealthDw.Tests.Support;

namespace HealthDw.Snowflake.Tests.Emulator;

/// <summary>
/// The account-level objects of the emulated Snowflake (roles, warehouses, databases, schemas, stages, storage integrations
/// and who may use them), kept as Snowflake stores them, built by running <c>warehouse/snowflake/setup.sql</c> as an
/// administrator would (<see cref="FromShippedSetup"/>, with the script's placeholders filled in). The storing rule is written
/// here on its own, from Snowflake's "Identifier requirements", not borrowed from the adapter: an unquoted name is stored
/// upper case, a double-quoted one as it is inside the quotes. Three things use it:
/// <list type="bullet">
/// <item><see cref="RefuseContext"/>: the SQL API's <c>role</c>, <c>warehouse</c>, <c>database</c> and <c>schema</c> fields are
/// case-sensitive and must match the stored name ("Submitting a request to execute SQL statements"); a request whose context
/// names no stored object is refused with the errors Snowflake's session layer gives (390189 for the role, 390201 for the
/// rest, SQLSTATE 08004), in the SQL API's failure shape (422 QueryFailureStatus, "Getting details about an error");</item>
/// <item><see cref="RequireStage"/>: a COPY's stage must exist;</item>
/// <item><see cref="TryAnswer"/>, the statements <c>healthdw doctor</c> sends: <c>SHOW ROLES|WAREHOUSES|DATABASES [LIKE 'p']</c>,
/// <c>SHOW SCHEMAS [LIKE 'p'] IN DATABASE d</c>, <c>SHOW STAGES [LIKE 'p'] IN SCHEMA d.s</c> (lower-case columns, LIKE matched
/// without regard to case with % and _; an IN naming no object is "does not exist or not authorized"); <c>DESC INTEGRATION n</c>
/// (property rows; it needs USAGE on the integration, "DESCRIBE INTEGRATION" access control requirements, else
/// "Insufficient privileges"); <c>select current_account(), current_user()</c> and <c>select current_role(),
/// current_warehouse(), current_database()</c> from the request's context or the user's defaults.</item>
/// </list>
/// <para><see cref="Run"/> knows the statements setup.sql is made of (USE ROLE; CREATE [OR REPLACE] ROLE, WAREHOUSE, DATABASE,
/// SCHEMA, STAGE, STORAGE INTEGRATION; GRANT USAGE ON INTEGRATION) and the few an administrator fixes an account with (DROP,
/// REVOKE USAGE ON INTEGRATION, ALTER STORAGE INTEGRATION ... SET); every other statement is skipped. It is strict where the
/// script's order matters: a parent must exist before its child, a granted role before the grant, and the role that creates a
/// stage on an integration must be able to use the integration ("CREATE STAGE", access control requirements).</para>
/// </summary>
internal sealed partial class EmulatedAccount
{
    /// <summary>What <see cref="FromShippedSetup"/> fills the script's <c>&lt;bucket&gt;</c> with unless told otherwise.</summary>
    public const string SetupBucket = "healthdw-dev-data";

    /// <summary>What <see cref="FromShippedSetup"/> fills <c>arn:aws:iam::&lt;aws_account_id&gt;:role/&lt;snowflake_s3_role&gt;</c> with.</summary>
    public const string SetupStorageRoleArn = "arn:aws:iam::111122223333:role/healthdw-dev-snowflake-s3";

    /// <summary>The system-defined roles every account has before anything is run ("Overview of Access Control").</summary>
    private static readonly string[] SystemRoles = ["ACCOUNTADMIN", "SECURITYADMIN", "USERADMIN", "SYSADMIN", "PUBLIC"];

    private const string Created = "2026-11-21 02:00:00.000 +0000";

    private readonly Lock _gate = new();
    private readonly HashSet<string> _roles = new(SystemRoles, StringComparer.Ordinal);
    private readonly HashSet<string> _warehouses = new(StringComparer.Ordinal);
    private readonly HashSet<string> _databases = new(StringComparer.Ordinal);
    private readonly HashSet<(string Database, string Schema)> _schemas = [];
    private readonly Dictionary<(string Database, string Schema, string Name), EmulatedStage> _stages = [];
    private readonly Dictionary<string, EmulatedIntegration> _integrations = new(StringComparer.Ordinal);

    /// <summary>The role the script runs as (USE ROLE); an administrator's worksheet opens as ACCOUNTADMIN.</summary>
    private string _scriptRole = "ACCOUNTADMIN";

    public static string ShippedSetupPath => Path.Combine(Repo.Root, "warehouse", "snowflake", "setup.sql");

    /// <summary>The account identifier as CURRENT_ACCOUNT's organization-account form.</summary>
    public string Account { get; init; } = "MYORG-MYACCOUNT";

    public string User { get; init; } = "ETL_USER";

    /// <summary>The user's DEFAULT_ROLE, used when a request names no role (setup.sql gives the service user healthdw_loader).</summary>
    public string DefaultRole { get; init; } = "HEALTHDW_LOADER";

    /// <summary>The objects the shipped <c>setup.sql</c> creates, its placeholders filled in as an administrator fills them:
    /// <c>&lt;bucket&gt;</c> with <paramref name="bucket"/>, the role ARN's <c>&lt;aws_account_id&gt;</c> and
    /// <c>&lt;snowflake_s3_role&gt;</c> from <paramref name="storageRoleArn"/>.</summary>
    public static EmulatedAccount FromShippedSetup(string bucket = SetupBucket, string storageRoleArn = SetupStorageRoleArn)
    {
        var arn = RoleArn().Match(storageRoleArn);
        if (!arn.Success)
            throw new ArgumentException($"'{storageRoleArn}' is not an IAM role ARN", nameof(storageRoleArn));
        var script = File.ReadAllText(ShippedSetupPath)
            .Replace("<bucket>", bucket, StringComparison.Ordinal)
            .Replace("<aws_account_id>", arn.Groups["account"].Value, StringComparison.Ordinal)
            .Replace("<snowflake_s3_role>", arn.Groups["role"].Value, StringComparison.Ordinal);
        var account = new EmulatedAccount();
        account.Run(script);
        return account;
    }

    public IReadOnlyCollection<string> Roles => Snapshot(() => _roles);

    public IReadOnlyCollection<string> Warehouses => Snapshot(() => _warehouses);

    public IReadOnlyCollection<string> Databases => Snapshot(() => _databases);

    /// <summary>Stored schemas as <c>DATABASE.SCHEMA</c>.</summary>
    public IReadOnlyCollection<string> Schemas => Snapshot(() => _schemas.Select(s => $"{s.Database}.{s.Schema}"));

    /// <summary>Stored stages as <c>DATABASE.SCHEMA.STAGE</c>.</summary>
    public IReadOnlyCollection<string> Stages => Snapshot(() => _stages.Keys.Select(s => $"{s.Database}.{s.Schema}.{s.Name}"));

    /// <summary>A stored stage by its stored name parts; null when there is none.</summary>
    public EmulatedStage? Stage(string database, string schema, string name)
    {
        lock (_gate)
            return _stages.GetValueOrDefault((database, schema, name));
    }

    /// <summary>A stored storage integration by its stored name; null when there is none.</summary>
    public EmulatedIntegration? Integration(string name)
    {
        lock (_gate)
            return _integrations.GetValueOrDefault(name);
    }

    /// <summary>Runs the statements of a script this class knows (see the class summary), comments stripped, in order.</summary>
    /// <exception cref="InvalidOperationException">A statement Snowflake would refuse here, or a placeholder left unfilled.</exception>
    public void Run(string script)
    {
        foreach (var text in Comment().Replace(script, "").Split(';'))
        {
            var statement = text.Trim();
            if (statement.Length == 0)
                continue;
            lock (_gate)
                RunOne(statement);
        }
    }

    /// <summary>Null when Snowflake would open a session with the request's context; else the refusal.</summary>
    public EmulatorException? RefuseContext(JsonElement body)
    {
        lock (_gate)
        {
            if (Context(body, "role") is { } role && !_roles.Contains(role))
                return new EmulatorException("390189", "08004",
                    $"Role '{role}' specified in the connect string does not exist or not authorized. Contact your local system administrator, "
                    + "or attempt to login with another role, e.g. PUBLIC.");
            if (Context(body, "warehouse") is { } warehouse && !_warehouses.Contains(warehouse))
                return Unknown("warehouse");
            var database = Context(body, "database");
            if (database is not null && !_databases.Contains(database))
                return Unknown("database");
            if (Context(body, "schema") is { } schema && (database is null || !_schemas.Contains((database, schema))))
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
            if (!_stages.ContainsKey((database, schema, name)))
                throw new EmulatorException("002003", "02000", $"SQL compilation error:\nStage '{database}.{schema}.{name}' does not exist or not authorized.");
        }
    }

    /// <summary>The answer to one SHOW, DESC INTEGRATION or CURRENT_* statement (see the class summary), or null for any
    /// other (which the emulator runs as SQL).</summary>
    public Executed? TryAnswer(string statement, JsonElement body)
    {
        var sql = statement.Trim().TrimEnd(';').Trim();
        lock (_gate)
        {
            if (ShowAccountObjects().Match(sql) is { Success: true } show)
            {
                var kind = show.Groups["kind"].Value.ToLowerInvariant();
                var names = kind switch { "roles" => _roles, "warehouses" => _warehouses, _ => _databases };
                var matching = names.Where(n => Like(show, n)).Order(StringComparer.Ordinal).ToList();
                return kind == "warehouses"
                    ? Table(["name", "state", "type", "size", "owner", "comment"], matching.Select(n => new[] { n, "SUSPENDED", "STANDARD", "X-Small", "SYSADMIN", "" }))
                    : Table(["created_on", "name", "is_default", "is_current", "owner", "comment"], matching.Select(n => new[] { Created, n, "N", "N", "SYSADMIN", "" }));
            }

            if (ShowSchemas().Match(sql) is { Success: true } schemas)
            {
                var database = Resolve(schemas.Groups["db"].Value);
                if (!_databases.Contains(database))
                    throw new EmulatorException("002043", "02000", $"SQL compilation error:\nDatabase '{database}' does not exist or not authorized.");
                return Table(["created_on", "name", "is_default", "is_current", "database_name", "owner", "comment"],
                    _schemas.Where(s => s.Database == database && Like(schemas, s.Schema)).Select(s => s.Schema).Order(StringComparer.Ordinal)
                        .Select(s => new[] { Created, s, "N", "N", database, "SYSADMIN", "" }));
            }

            if (ShowStages().Match(sql) is { Success: true } stages)
            {
                var (database, schema) = (Resolve(stages.Groups["db"].Value), Resolve(stages.Groups["schema"].Value));
                if (!_schemas.Contains((database, schema)))
                    throw new EmulatorException("002003", "02000", $"SQL compilation error:\nSchema '{database}.{schema}' does not exist or not authorized.");
                return Table(["created_on", "name", "database_name", "schema_name", "url", "has_credentials", "has_encryption_key", "owner", "comment", "region",
                        "type", "cloud", "notification_channel", "storage_integration", "endpoint", "owner_role_type", "directory_enabled"],
                    _stages.Values.Where(s => s.Database == database && s.Schema == schema && Like(stages, s.Name)).OrderBy(s => s.Name, StringComparer.Ordinal)
                        .Select(s => new[] { Created, s.Name, database, schema, s.Url, "N", "N", "SYSADMIN", "", "us-east-1", s.Url.Length > 0 ? "EXTERNAL" : "INTERNAL",
                            "AWS", null, s.Integration, null, "ROLE", "N" }));
            }

            if (DescIntegration().Match(sql) is { Success: true } desc)
            {
                var name = Resolve(desc.Groups["name"].Value);
                var integration = _integrations.GetValueOrDefault(name)
                    ?? throw new EmulatorException("002003", "02000", $"SQL compilation error:\nIntegration '{name}' does not exist or not authorized.");
                if (!integration.Allows(Context(body, "role") ?? DefaultRole))
                    throw new EmulatorException("003001", "42501", $"SQL access control error:\nInsufficient privileges to operate on integration '{name}'");
                return Table(["property", "property_type", "property_value", "property_default"],
                [
                    ["ENABLED", "Boolean", integration.Enabled ? "true" : "false", "false"],
                    ["STORAGE_PROVIDER", "String", "S3", ""],
                    ["STORAGE_ALLOWED_LOCATIONS", "List", integration.AllowedLocations, "[]"],
                    ["STORAGE_BLOCKED_LOCATIONS", "List", "", "[]"],
                    ["STORAGE_AWS_IAM_USER_ARN", "String", "arn:aws:iam::123456789001:user/abc1-b-self1234", ""],
                    ["STORAGE_AWS_ROLE_ARN", "String", integration.RoleArn, ""],
                    ["STORAGE_AWS_EXTERNAL_ID", "String", "MYORG_SFCRole=2_a123456/s0aBCDEfGHIJklmNoPq=", ""],
                    ["COMMENT", "String", "", ""],
                ]);
            }
        }

        if (CurrentAccount().IsMatch(sql))
            return Table(["CURRENT_ACCOUNT()", "CURRENT_USER()"], [[Account.Split('-')[^1], User]]);
        if (CurrentContext().IsMatch(sql))
            return Table(["CURRENT_ROLE()", "CURRENT_WAREHOUSE()", "CURRENT_DATABASE()"],
                [[Context(body, "role") ?? DefaultRole, Context(body, "warehouse"), Context(body, "database")]]);
        return null;
    }

    /// <summary>One statement of a script, under the gate.</summary>
    private void RunOne(string statement)
    {
        if (UseRole().Match(statement) is { Success: true } use)
        {
            var role = Single(use.Groups["name"].Value);
            _scriptRole = _roles.Contains(role) ? role : throw Refused(statement, $"role {role} does not exist");
        }
        else if (Create().Match(statement) is { Success: true } create)
            RunCreate(statement, create);
        else if (IntegrationUsage().Match(statement) is { Success: true } usage)
        {
            var (integration, role) = (Existing(statement, Single(usage.Groups["name"].Value)), Single(usage.Groups["role"].Value));
            if (!_roles.Contains(role))
                throw Refused(statement, $"role {role} does not exist");
            var roles = usage.Groups["verb"].Value.Equals("grant", StringComparison.OrdinalIgnoreCase)
                ? integration.UsageRoles.Append(role).Distinct(StringComparer.Ordinal)
                : integration.UsageRoles.Where(r => r != role);
            _integrations[integration.Name] = integration with { UsageRoles = [.. roles] };
        }
        else if (AlterIntegration().Match(statement) is { Success: true } alter)
        {
            var integration = Existing(statement, Single(alter.Groups["name"].Value));
            var set = alter.Groups["set"].Value;
            _integrations[integration.Name] = integration with
            {
                RoleArn = Property(statement, set, AwsRoleArn()) ?? integration.RoleArn,
                Enabled = Property(statement, set, Enabled()) is { } enabled ? bool.Parse(enabled) : integration.Enabled,
                AllowedLocations = Locations(statement, set) ?? integration.AllowedLocations,
            };
        }
        else if (Drop().Match(statement) is { Success: true } drop)
            RunDrop(statement, drop);
    }

    private void RunCreate(string statement, Match create)
    {
        var parts = Parts(create.Groups["name"].Value);
        var kind = Whitespace().Replace(create.Groups["kind"].Value.ToLowerInvariant(), " ");
        var replace = create.Groups["replace"].Success;
        var ifNotExists = create.Groups["ifnot"].Success;
        var rest = statement[(create.Index + create.Length)..];

        // True when the statement leaves an existing object as it is: CREATE OR REPLACE overwrites it, IF NOT EXISTS keeps
        // it, and a plain CREATE of an existing object is an error.
        bool Keep(bool exists)
        {
            if (!exists || replace)
                return false;
            return ifNotExists ? true : throw Refused(statement, $"{kind} {string.Join('.', parts)} already exists");
        }

        switch (kind, parts.Count)
        {
            case ("role", 1): _roles.Add(parts[0]); break;
            case ("warehouse", 1): _warehouses.Add(parts[0]); break;
            case ("database", 1):
                // A new database comes with two schemas of its own ("CREATE DATABASE": PUBLIC and INFORMATION_SCHEMA).
                _databases.Add(parts[0]);
                _schemas.UnionWith([(parts[0], "PUBLIC"), (parts[0], "INFORMATION_SCHEMA")]);
                break;
            case ("schema", 2) when _databases.Contains(parts[0]): _schemas.Add((parts[0], parts[1])); break;
            case ("storage integration", 1):
                if (Keep(_integrations.ContainsKey(parts[0])))
                    break;
                _integrations[parts[0]] = new EmulatedIntegration(parts[0],
                    Property(statement, rest, AwsRoleArn()) ?? throw Refused(statement, "an S3 integration needs storage_aws_role_arn"),
                    Locations(statement, rest) ?? throw Refused(statement, "an integration needs storage_allowed_locations"),
                    bool.Parse(Property(statement, rest, Enabled()) ?? throw Refused(statement, "an integration needs enabled = true|false")),
                    _scriptRole, []);
                break;
            case ("stage", 3) when _schemas.Contains((parts[0], parts[1])):
                if (Keep(_stages.ContainsKey((parts[0], parts[1], parts[2]))))
                    break;
                var integration = Property(statement, rest, StageIntegration()) is { } named ? Existing(statement, Single(named)) : null;
                if (integration is not null && !integration.Allows(_scriptRole))
                    throw Refused(statement, $"role {_scriptRole} has no USAGE on integration {integration.Name}");
                _stages[(parts[0], parts[1], parts[2])] = new EmulatedStage(parts[0], parts[1], parts[2], Property(statement, rest, Url()) ?? "", integration?.Name);
                break;
            default:
                throw Refused(statement, $"a {kind} needs its full name, and its parent must exist first");
        }
    }

    private void RunDrop(string statement, Match drop)
    {
        var parts = Parts(drop.Groups["name"].Value);
        var kind = drop.Groups["kind"].Value.ToLowerInvariant();
        var removed = (kind, parts.Count) switch
        {
            ("role", 1) => _roles.Remove(parts[0]) && DropGrantsTo(parts[0]),
            ("schema", 2) => _schemas.Remove((parts[0], parts[1])) && DropStagesIn(parts[0], parts[1]),
            ("stage", 3) => _stages.Remove((parts[0], parts[1], parts[2])),
            (_, 1) when kind.EndsWith("integration", StringComparison.Ordinal) => _integrations.Remove(parts[0]),
            _ => throw Refused(statement, $"a {kind} needs its full name"),
        };
        if (!removed && !drop.Groups["ifexists"].Success)
            throw Refused(statement, $"{kind} {string.Join('.', parts)} does not exist");
    }

    /// <summary>Dropping a schema drops what is in it.</summary>
    private bool DropStagesIn(string database, string schema)
    {
        foreach (var key in _stages.Keys.Where(k => k.Database == database && k.Schema == schema).ToList())
            _stages.Remove(key);
        return true;
    }

    /// <summary>Dropping a role drops the grants made to it.</summary>
    private bool DropGrantsTo(string role)
    {
        foreach (var integration in _integrations.Values.ToList())
            _integrations[integration.Name] = integration with { UsageRoles = [.. integration.UsageRoles.Where(r => r != role)] };
        return true;
    }

    private EmulatedIntegration Existing(string statement, string name) =>
        _integrations.GetValueOrDefault(name) ?? throw Refused(statement, $"integration {name} does not exist");

    private static InvalidOperationException Refused(string statement, string why) =>
        new($"the emulator cannot run '{Whitespace().Replace(statement, " ")}': {why}");

    private static EmulatorException Unknown(string what) =>
        new("390201", "08004", $"The requested {what} does not exist or not authorized.");

    /// <summary>One property's value in a CREATE or ALTER; a placeholder left in it is the administrator's mistake, refused.</summary>
    private static string? Property(string statement, string text, Regex property)
    {
        var match = property.Match(text);
        if (!match.Success)
            return null;
        var value = match.Groups["value"].Value;
        return value.Contains('<', StringComparison.Ordinal) ? throw Refused(statement, $"placeholder left in {value}") : value;
    }

    /// <summary>STORAGE_ALLOWED_LOCATIONS as DESC INTEGRATION lists it: the locations, comma-separated.</summary>
    private static string? Locations(string statement, string text) =>
        Property(statement, text, AllowedLocations()) is { } list
            ? string.Join(",", Quoted().Matches(list).Select(m => m.Groups[1].Value))
            : null;

    private static string Single(string name) =>
        Parts(name) is [var only] ? only : throw new InvalidOperationException($"'{name}' is not a single identifier");

    /// <summary>The parts of a dotted name, each stored as Snowflake stores it.</summary>
    private static List<string> Parts(string name) =>
        [.. NamePart().Matches(name).Select(m => m.Groups["quoted"].Success
            ? m.Groups["quoted"].Value.Replace("\"\"", "\"", StringComparison.Ordinal)
            : m.Groups["bare"].Value.ToUpperInvariant())];

    private static string? Context(JsonElement body, string field) =>
        body.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>An identifier as Snowflake resolves it: quoted as written (<c>""</c> is one quote), else upper case.</summary>
    private static string Resolve(string identifier) =>
        identifier.StartsWith('"') ? identifier[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : identifier.ToUpperInvariant();

    private static bool Like(Match match, string name)
    {
        if (!match.Groups["like"].Success)
            return true;
        var pattern = match.Groups["like"].Value.Replace("''", "'", StringComparison.Ordinal);
        var regex = "^" + string.Concat(pattern.Select(c => c switch { '%' => ".*", '_' => ".", _ => Regex.Escape(c.ToString()) })) + "$";
        return Regex.IsMatch(name, regex, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }

    private static Executed Table(string[] columns, IEnumerable<string?[]> rows) =>
        new([.. columns.Select(c => new EmulatedColumn(c, "text"))], [.. rows], null);

    private IReadOnlyCollection<T> Snapshot<T>(Func<IEnumerable<T>> items)
    {
        lock (_gate)
            return [.. items()];
    }

    private const string Identifier = @"(?:""(?:[^""]|"""")+""|[A-Za-z_][A-Za-z0-9_$]*)";

    private const string Qualified = Identifier + @"(?:\." + Identifier + ")*";

    [GeneratedRegex(@"--[^\n]*", RegexOptions.CultureInvariant)]
    private static partial Regex Comment();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^arn:aws:iam::(?<account>\d{12}):role/(?<role>[\w+=,.@/-]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex RoleArn();

    [GeneratedRegex(@"^use\s+role\s+(?<name>" + Identifier + ")$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UseRole();

    [GeneratedRegex(@"^create\s+(?<replace>or\s+replace\s+)?(?<kind>role|warehouse|database|schema|stage|storage\s+integration)\s+(?<ifnot>if\s+not\s+exists\s+)?(?<name>" + Qualified + ")",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Create();

    [GeneratedRegex(@"^(?<verb>grant|revoke)\s+usage\s+on\s+integration\s+(?<name>" + Identifier + @")\s+(?:to|from)\s+role\s+(?<role>" + Identifier + ")$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex IntegrationUsage();

    [GeneratedRegex(@"^alter\s+(?:storage\s+)?integration\s+(?:if\s+exists\s+)?(?<name>" + Identifier + @")\s+set\s+(?<set>.*)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex AlterIntegration();

    [GeneratedRegex(@"^drop\s+(?<kind>role|schema|stage|storage\s+integration|integration)\s+(?<ifexists>if\s+exists\s+)?(?<name>" + Qualified + ")$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Drop();

    [GeneratedRegex(@"\bstorage_aws_role_arn\s*=\s*'(?<value>[^']*)'", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AwsRoleArn();

    [GeneratedRegex(@"\bstorage_allowed_locations\s*=\s*\((?<value>[^)]*)\)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AllowedLocations();

    [GeneratedRegex(@"\benabled\s*=\s*(?<value>true|false)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Enabled();

    [GeneratedRegex(@"\burl\s*=\s*'(?<value>[^']*)'", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Url();

    [GeneratedRegex(@"\bstorage_integration\s*=\s*(?<value>" + Identifier + ")", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StageIntegration();

    [GeneratedRegex("'([^']*)'", RegexOptions.CultureInvariant)]
    private static partial Regex Quoted();

    [GeneratedRegex("""(?:"(?<quoted>(?:[^"]|"")+)"|(?<bare>[A-Za-z_][\w$]*))""", RegexOptions.CultureInvariant)]
    private static partial Regex NamePart();

    [GeneratedRegex(@"^show\s+(?<kind>roles|warehouses|databases)(?:\s+like\s+'(?<like>(?:[^']|'')*)')?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ShowAccountObjects();

    [GeneratedRegex(@"^show\s+schemas(?:\s+like\s+'(?<like>(?:[^']|'')*)')?\s+in\s+database\s+(?<db>" + Identifier + ")$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ShowSchemas();

    [GeneratedRegex(@"^show\s+stages(?:\s+like\s+'(?<like>(?:[^']|'')*)')?\s+in\s+schema\s+(?<db>" + Identifier + @")\.(?<schema>" + Identifier + ")$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ShowStages();

    [GeneratedRegex(@"^desc(?:ribe)?\s+(?:storage\s+)?integration\s+(?<name>" + Identifier + ")$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DescIntegration();

    [GeneratedRegex(@"^select\s+current_account\(\)\s*,\s*current_user\(\)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CurrentAccount();

    [GeneratedRegex(@"^select\s+current_role\(\)\s*,\s*current_warehouse\(\)\s*,\s*current_database\(\)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CurrentContext();
}
