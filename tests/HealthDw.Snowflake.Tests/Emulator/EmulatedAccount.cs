using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HealthDw.Snowflake.Tests.Emulator;

/// <summary>
/// The account-level objects of an emulated Snowflake account, as SHOW and DESCRIBE list them: roles, warehouses,
/// databases, schemas, stages and storage integrations, each stored under its name as Snowflake stores it (an unquoted
/// name in upper case, a quoted one as written; see "Identifier requirements"). What it answers, as documented:
/// <list type="bullet">
/// <item><c>SHOW ROLES|WAREHOUSES|DATABASES [LIKE 'p']</c>, <c>SHOW SCHEMAS [LIKE 'p'] IN DATABASE d</c>, <c>SHOW STAGES [LIKE 'p'] IN
/// SCHEMA d.s</c>: lower-case columns, LIKE matched without regard to case with % and _ (SHOW STAGES: "case-insensitive
/// pattern matching"); an IN naming no visible object is "does not exist or not authorized";</item>
/// <item><c>DESC INTEGRATION n</c>: property, property_type, property_value, property_default rows; it needs USAGE on the
/// integration ("DESCRIBE INTEGRATION", access control requirements), else "Insufficient privileges";</item>
/// <item><c>select current_account(), current_user()</c> and <c>select current_role(), current_warehouse(), current_database()</c>
/// from the request's context fields, or the user's defaults.</item>
/// </list>
/// Names in the statement resolve as Snowflake resolves them: unquoted to upper case, quoted as written.
/// </summary>
internal sealed partial class EmulatedAccount
{
    public string Account { get; init; } = "MYORG-MYACCOUNT";

    public string User { get; init; } = "ETL_USER";

    /// <summary>The user's DEFAULT_ROLE, used when a request names no role.</summary>
    public string DefaultRole { get; set; } = "HEALTHDW_LOADER";

    public List<string> Roles { get; } = [];

    public List<string> Warehouses { get; } = [];

    public List<string> Databases { get; } = [];

    public List<(string Database, string Name)> Schemas { get; } = [];

    public List<EmulatedStage> Stages { get; } = [];

    public List<EmulatedIntegration> Integrations { get; } = [];

    /// <summary>What <c>warehouse/snowflake/setup.sql</c> makes, stored as Snowflake stores its unquoted names.</summary>
    public static EmulatedAccount AsSetUpBySetupSql(string bucket, string storageRoleArn)
    {
        var account = new EmulatedAccount();
        account.Roles.AddRange(["ACCOUNTADMIN", "SYSADMIN", "SECURITYADMIN", "USERADMIN", "PUBLIC", "HEALTHDW_LOADER"]);
        account.Warehouses.Add("HEALTHDW_WH");
        account.Databases.Add("HEALTHDW");
        account.Schemas.AddRange([("HEALTHDW", "ANALYTICS"), ("HEALTHDW", "AUDIT"), ("HEALTHDW", "INFORMATION_SCHEMA"), ("HEALTHDW", "PUBLIC"), ("HEALTHDW", "STAGING")]);
        account.Stages.Add(new EmulatedStage("HEALTHDW", "STAGING", "RAW_STAGE", $"s3://{bucket}/", "HEALTHDW_S3"));
        account.Integrations.Add(new EmulatedIntegration("HEALTHDW_S3", storageRoleArn, $"s3://{bucket}/", true, ["ACCOUNTADMIN", "SYSADMIN", "HEALTHDW_LOADER"]));
        return account;
    }

    /// <summary>The answer to one statement this class knows, or null for any other (which the emulator runs as SQL).</summary>
    public Executed? TryAnswer(string statement, JsonElement body)
    {
        var sql = statement.Trim().TrimEnd(';').Trim();
        if (ShowAccountObjects().Match(sql) is { Success: true } show)
        {
            var kind = show.Groups["kind"].Value.ToLowerInvariant();
            var names = kind switch { "roles" => Roles, "warehouses" => Warehouses, _ => Databases };
            var matching = names.Where(n => Like(show, n)).ToList();
            return kind == "warehouses"
                ? Table(["name", "state", "type", "size", "owner", "comment"], matching.Select(n => new[] { n, "SUSPENDED", "STANDARD", "X-Small", "SYSADMIN", "" }))
                : Table(["created_on", "name", "is_default", "is_current", "owner", "comment"], matching.Select(n => new[] { Created, n, "N", "N", "SYSADMIN", "" }));
        }

        if (ShowSchemas().Match(sql) is { Success: true } schemas)
        {
            var database = Resolve(schemas.Groups["db"].Value);
            if (!Databases.Contains(database, StringComparer.Ordinal))
                throw new EmulatorException("002043", "02000", $"SQL compilation error:\nDatabase '{database}' does not exist or not authorized.");
            return Table(["created_on", "name", "is_default", "is_current", "database_name", "owner", "comment"],
                Schemas.Where(s => s.Database == database && Like(schemas, s.Name)).Select(s => new[] { Created, s.Name, "N", "N", database, "SYSADMIN", "" }));
        }

        if (ShowStages().Match(sql) is { Success: true } stages)
        {
            var (database, schema) = (Resolve(stages.Groups["db"].Value), Resolve(stages.Groups["schema"].Value));
            if (!Schemas.Contains((database, schema)))
                throw new EmulatorException("002003", "02000", $"SQL compilation error:\nSchema '{database}.{schema}' does not exist or not authorized.");
            return Table(["created_on", "name", "database_name", "schema_name", "url", "has_credentials", "has_encryption_key", "owner", "comment", "region",
                    "type", "cloud", "notification_channel", "storage_integration", "endpoint", "owner_role_type", "directory_enabled"],
                Stages.Where(s => s.Database == database && s.Schema == schema && Like(stages, s.Name))
                    .Select(s => new[] { Created, s.Name, database, schema, s.Url, "N", "N", "SYSADMIN", "", "us-east-1", "EXTERNAL", "AWS", null, s.Integration, null, "ROLE", "N" }));
        }

        if (DescIntegration().Match(sql) is { Success: true } desc)
        {
            var name = Resolve(desc.Groups["name"].Value);
            var integration = Integrations.Find(i => i.Name == name)
                ?? throw new EmulatorException("002003", "02000", $"SQL compilation error:\nIntegration '{name}' does not exist or not authorized.");
            if (!integration.UsageRoles.Contains(Context(body, "role") ?? DefaultRole, StringComparer.Ordinal))
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

        if (CurrentAccount().IsMatch(sql))
            return Table(["CURRENT_ACCOUNT()", "CURRENT_USER()"], [[Account.Split('-')[^1], User]]);
        if (CurrentContext().IsMatch(sql))
            return Table(["CURRENT_ROLE()", "CURRENT_WAREHOUSE()", "CURRENT_DATABASE()"],
                [[Context(body, "role") ?? DefaultRole, Context(body, "warehouse"), Context(body, "database")]]);
        return null;
    }

    private const string Created = "2026-11-21 02:00:00.000 +0000";

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

    private const string Identifier = @"(?:""(?:[^""]|"""")+""|[A-Za-z_][A-Za-z0-9_$]*)";

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

/// <summary>An external stage: where it lives, the URL it reads and the storage integration it reads through.</summary>
internal sealed record EmulatedStage(string Database, string Schema, string Name, string Url, string? Integration);

/// <summary>A storage integration: the IAM role it assumes, its allowed locations, and the roles with USAGE on it.</summary>
internal sealed record EmulatedIntegration(string Name, string RoleArn, string AllowedLocations, bool Enabled, IReadOnlyList<string> UsageRoles);
