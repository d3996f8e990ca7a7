using HealthDw.Core.Doctor;
using HealthDw.Snowflake.Tests.Emulator;
using HealthDw.Snowflake.Tests.Support;
using HealthDw.Tests.Support;
using HealthDw.Warehouse.Snowflake;
using HealthDw.Warehouse.Snowflake.Auth;
using HealthDw.Warehouse.Snowflake.Doctor;
using Npgsql;

namespace HealthDw.Snowflake.Tests.Doctor;

/// <summary>
/// <c>healthdw doctor --aws</c>'s Snowflake checks through the real SQL API client against the emulator, whose account holds
/// what warehouse/snowflake/setup.sql creates, stored as Snowflake stores unquoted names: in upper case ("Identifier
/// requirements"). The configuration is infra-cdk/stages.json's, in lower case, as shipped.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class SnowflakeDoctorTests(PostgresFixture postgres) : IAsyncLifetime
{
    private const string Bucket = "healthdw-dev-data";
    private const string StorageRole = "arn:aws:iam::111122223333:role/healthdw-dev-snowflake-s3";

    private readonly SnowflakeHarness _harness = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly EmulatedAccount _account = EmulatedAccount.FromShippedSetup(Bucket, StorageRole);
    private NpgsqlDataSource _database = null!;

    private static SnowflakeDoctorSettings AsShipped => new()
    {
        Account = SnowflakeHarness.Account,
        User = SnowflakeHarness.User,
        Role = "healthdw_loader",
        Warehouse = "healthdw_wh",
        Database = "healthdw",
        Stage = "@healthdw.staging.raw_stage",
        Bucket = Bucket,
        StorageRoleArn = StorageRole,
        ConfiguredIn = "infra-cdk/stages.json",
    };

    public async Task InitializeAsync()
    {
        _database = NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());
        _harness.Server.Account = _account; // one account: what the doctor is shown is what the server in front holds requests to
        _harness.Server.Handler = new SnowflakeEmulator(_database, (_, _) => null, Bucket, account: _account).Handle;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _harness.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Checks_WhenTheAccountIsAsSetupSqlMadeIt_ShouldPassEachAndSendTheNamesAsSnowflakeStoresThem()
    {
        var findings = await RunAsync(AsShipped);

        findings.Should().OnlyContain(f => f.Status == DoctorStatus.Ok, Table(findings));
        findings.Select(f => f.Check).Should().Equal("snowflake", "snowflake role", "snowflake warehouse", "snowflake database", "snowflake schemas",
            "snowflake stage", "snowflake session", "storage integration");
        findings.Single(f => f.Check == "snowflake session").Detail.Should().Contain("HEALTHDW_LOADER / HEALTHDW_WH / HEALTHDW");
        var withContext = _harness.Server.Submits.Where(r => r.Json.TryGetProperty("role", out _)).ToList();
        withContext.Should().NotBeEmpty();
        withContext.Should().OnlyContain(r => r.Json.GetProperty("role").GetString() == "HEALTHDW_LOADER"
            && r.Json.GetProperty("warehouse").GetString() == "HEALTHDW_WH" && r.Json.GetProperty("database").GetString() == "HEALTHDW",
            "the SQL API's context fields are case-sensitive and must match the name as SHOW returns it");
    }

    [Fact]
    public async Task Checks_WhenAConfiguredNameIsQuotedInTheWrongCase_ShouldFailItWithHowToWriteIt()
    {
        var findings = await RunAsync(AsShipped with { Warehouse = "\"healthdw_wh\"" });

        var warehouse = findings.Single(f => f.Check == "snowflake warehouse");
        warehouse.Status.Should().Be(DoctorStatus.Fail);
        warehouse.Detail.Should().Be("warehouse is configured as \"healthdw_wh\", which Snowflake reads as healthdw_wh; it is stored as HEALTHDW_WH");
        warehouse.Fix.Should().StartWith("configure the warehouse as healthdw_wh (unquoted");
        findings.Single(f => f.Check == "snowflake session").Status.Should().Be(DoctorStatus.Skipped);
    }

    [Fact]
    public async Task Checks_WhenTheObjectWasCreatedQuotedInLowerCase_ShouldFailTheUnquotedNameWithTheQuotedSpelling()
    {
        _account.Run("""use role securityadmin; drop role healthdw_loader; create role "healthdw_loader";""");

        var findings = await RunAsync(AsShipped);

        var role = findings.Single(f => f.Check == "snowflake role");
        role.Status.Should().Be(DoctorStatus.Fail);
        role.Detail.Should().Contain("Snowflake reads as HEALTHDW_LOADER; it is stored as healthdw_loader");
        role.Fix.Should().Contain("\"healthdw_loader\" (with its double quotes)");
    }

    [Fact]
    public async Task Checks_WhenTheStageIsMissing_ShouldFailTheStageWithTheSetupStepAndSkipTheIntegration()
    {
        _account.Run("use role sysadmin; drop stage healthdw.staging.raw_stage;");

        var findings = await RunAsync(AsShipped);

        var stage = findings.Single(f => f.Check == "snowflake stage");
        stage.Status.Should().Be(DoctorStatus.Fail);
        stage.Detail.Should().Be("no stage RAW_STAGE visible to the pipeline's user");
        stage.Fix.Should().Contain("step 8 of warehouse/snowflake/setup.sql").And.Contain($"s3://{Bucket}/");
        findings.Single(f => f.Check == "storage integration").Status.Should().Be(DoctorStatus.Skipped);
        findings.Where(f => f.Check is not ("snowflake stage" or "storage integration")).Should().OnlyContain(f => f.Status == DoctorStatus.Ok);
    }

    [Fact]
    public async Task Checks_WhenTheStageReadsAnotherBucket_ShouldFailTheStage()
    {
        _account.Run("use role sysadmin; create or replace stage healthdw.staging.raw_stage storage_integration = healthdw_s3 url = 's3://someone-elses-bucket/';");

        var stage = (await RunAsync(AsShipped)).Single(f => f.Check == "snowflake stage");

        stage.Status.Should().Be(DoctorStatus.Fail);
        stage.Detail.Should().Contain("reads s3://someone-elses-bucket/, not the drop bucket");
    }

    [Fact]
    public async Task Checks_WhenASchemaIsMissing_ShouldFailTheSchemasNamingIt()
    {
        _account.Run("use role sysadmin; drop schema healthdw.audit;");

        var schemas = (await RunAsync(AsShipped)).Single(f => f.Check == "snowflake schemas");

        schemas.Status.Should().Be(DoctorStatus.Fail);
        schemas.Detail.Should().Be("no schema AUDIT visible to the pipeline's user");
        schemas.Fix.Should().Contain("create schema if not exists healthdw.audit");
    }

    [Fact]
    public async Task Checks_WhenTheIntegrationAssumesAnotherRole_ShouldFailWithTheAlterStatement()
    {
        _account.Run("use role accountadmin; alter storage integration healthdw_s3 set storage_aws_role_arn = 'arn:aws:iam::111122223333:role/old-role';");

        var integration = (await RunAsync(AsShipped)).Single(f => f.Check == "storage integration");

        integration.Status.Should().Be(DoctorStatus.Fail);
        integration.Detail.Should().Contain("assumes arn:aws:iam::111122223333:role/old-role, not the stack's " + StorageRole);
        integration.Fix.Should().StartWith($"alter storage integration healthdw_s3 set storage_aws_role_arn = '{StorageRole}'");
    }

    [Fact]
    public async Task Checks_WhenThePipelineRoleHasNoUsageOnTheIntegration_ShouldFailWithTheGrant()
    {
        // DESCRIBE INTEGRATION: "A role used to execute this operation must have ... USAGE" on the integration.
        _account.Run("use role accountadmin; revoke usage on integration healthdw_s3 from role healthdw_loader;");

        var integration = (await RunAsync(AsShipped)).Single(f => f.Check == "storage integration");

        integration.Status.Should().Be(DoctorStatus.Fail);
        integration.Fix.Should().StartWith("grant usage on integration healthdw_s3 to role healthdw_loader", "the statement setup.sql step 8 runs");
    }

    [Fact]
    public async Task Checks_WhenSnowflakeRefusesTheKeyPair_ShouldFailSignInAndSkipEveryOtherCheck()
    {
        var findings = await RunAsync(AsShipped, user: "someone_else");

        findings[0].Status.Should().Be(DoctorStatus.Fail, Table(findings));
        findings[0].Detail.Should().Contain("refused the key-pair sign-in").And.Contain("HTTP 401");
        findings[0].Fix.Should().Contain("RSA_PUBLIC_KEY_FP");
        findings.Skip(1).Should().OnlyContain(f => f.Status == DoctorStatus.Skipped);
    }

    private async Task<IReadOnlyList<DoctorFinding>> RunAsync(SnowflakeDoctorSettings settings, string? user = null)
    {
        var options = _harness.Options with { User = user ?? settings.User };
        var tokens = user is null ? _harness.Tokens : new SnowflakeJwtIssuer(SnowflakeKeyPair.FromPem(TestKeys.Pem), settings.Account, user, _harness.Clock);
        var signIn = new SnowflakeSqlClient(_http, SnowflakeDoctor.SignInOptions(options), tokens, _harness.Clock, _harness.Clock);
        var session = new SnowflakeSqlClient(_http, SnowflakeDoctor.SessionOptions(options, settings), tokens, _harness.Clock, _harness.Clock);
        return await DoctorRun.RunAsync(SnowflakeDoctor.Checks(signIn, session, _harness.Server.BaseUri, settings), CancellationToken.None);
    }

    private static string Table(IReadOnlyList<DoctorFinding> findings) =>
        string.Join("\n", findings.Select(f => $"{f.Check} {f.Status} {f.Detail} {f.Fix}"));
}
