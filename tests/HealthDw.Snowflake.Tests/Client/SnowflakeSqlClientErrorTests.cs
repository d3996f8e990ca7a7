using HealthDw.Snowflake.Tests.Support;
using HealthDw.Warehouse.Snowflake;

namespace HealthDw.Snowflake.Tests.Client;

public sealed class SnowflakeSqlClientErrorTests : IAsyncLifetime
{
    private readonly SnowflakeHarness _harness = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task ExecuteAsync_WhenStatementFailsWith422_ShouldThrowSqlExceptionWithoutBoundValuesOrSql()
    {
        const string ssn = "123-45-6789";
        _harness.Server.Handler = request => request.IsSubmit
            ? SnowflakeBodies.Accepted("01b-bad")
            : SnowflakeBodies.Failure(422, "100038", "22018", $"Numeric value '{ssn}' is not recognized", "01b-bad");
        var statement = new SnowflakeStatement("select * from patients where ssn_number = ?") { Bindings = [SnowflakeBinding.Text(ssn)] };

        var act = () => _harness.Client.ExecuteAsync(statement, default);

        var error = (await act.Should().ThrowAsync<SnowflakeSqlException>()).Which;
        error.Code.Should().Be("100038");
        error.SqlState.Should().Be("22018");
        error.StatementHandle.Should().Be("01b-bad");
        error.Message.Should().Be("Snowflake error 100038 (SQLSTATE 22018) in statement 01b-bad: Numeric value '?' is not recognized");
        error.ToString().Should().NotContain(ssn).And.NotContain("patients");
    }

    [Fact]
    public async Task SubmitAsync_WhenCompilationFails_ShouldThrowSqlExceptionWithTheDocumentedFields()
    {
        _harness.Server.Handler = _ => SnowflakeBodies.Failure(
            422, "000904", "42000", "SQL compilation error: error line 1 at position 7\ninvalid identifier 'AFAF'", "019c0728-0000-df4f-0000-00100006606e");

        var act = () => _harness.Client.SubmitAsync(new SnowflakeStatement("select afaf"), default);

        var error = (await act.Should().ThrowAsync<SnowflakeSqlException>()).Which;
        (error.Code, error.SqlState).Should().Be(("000904", "42000"));
        error.ErrorText.Should().Be("SQL compilation error: error line 1 at position 7\ninvalid identifier '?'");
    }

    [Fact]
    public async Task ExecuteAsync_When401Persists_ShouldThrowAuthenticationErrorThatNamesTheKeyButNotTheToken()
    {
        var seenTokens = new List<string>();
        _harness.Server.Handler = request =>
        {
            var token = request.Headers["Authorization"]["Bearer ".Length..];
            seenTokens.Add(token);
            return SnowflakeBodies.Error(401, "390144", $"JWT token is invalid. [{token[..40]}...]");
        };

        var act = () => _harness.Client.ExecuteAsync(new SnowflakeStatement("select 1"), default);

        var error = (await act.Should().ThrowAsync<SnowflakeAuthenticationException>()).Which;
        error.StatusCode.Should().Be(401);
        error.Code.Should().Be("390144");
        error.Message.Should().Contain("MYORG-MYACCOUNT.ETL_USER").And.Contain(TestKeys.OpenSslFingerprint).And.Contain("JWT token is invalid");
        seenTokens.Should().HaveCount(2, "the client obtains a new token once, as the docs ask, then gives up");
        foreach (var token in seenTokens)
        {
            error.ToString().Should().NotContain(token[..20]);
            error.ToString().Should().NotContain(token.Split('.')[2][..20]);
        }
    }

    [Fact]
    public async Task ExecuteAsync_When401Once_ShouldIssueANewTokenAndSucceed()
    {
        var requests = 0;
        _harness.Server.Handler = _ => ++requests == 1
            ? SnowflakeBodies.Error(401, "390318", "OAuth access token expired.")
            : SnowflakeBodies.Result("01b-q", [("N", "fixed")], [["1"]]);

        var result = await _harness.Client.ExecuteAsync(new SnowflakeStatement("select 1"), default);

        result.Rows.Should().ContainSingle();
        _harness.Server.Submits.Select(r => r.IsRetry).Should().Equal(false, false);
    }

    [Fact]
    public async Task ExecuteAsync_When403_ShouldThrowAuthenticationErrorAboutTheApiOrNetworkPolicy()
    {
        _harness.Server.Handler = _ => new FakeReply(403, "");

        var act = () => _harness.Client.ExecuteAsync(new SnowflakeStatement("select 1"), default);

        (await act.Should().ThrowAsync<SnowflakeAuthenticationException>()).WithMessage("*HTTP 403*SQL API is enabled*network policy*");
        _harness.Server.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task ExecuteAsync_When400_ShouldThrowRequestExceptionWithoutRetrying()
    {
        _harness.Server.Handler = _ => SnowflakeBodies.Error(400, "390142", "Incoming request does not contain a valid payload.");

        var act = () => _harness.Client.ExecuteAsync(new SnowflakeStatement("select 1"), default);

        var error = (await act.Should().ThrowAsync<SnowflakeRequestException>()).Which;
        (error.StatusCode, error.Code).Should().Be((400, "390142"));
        _harness.Server.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task ExecuteAsync_WhenMultiStatementFails_ShouldNotEchoTheFailedStatementText()
    {
        _harness.Server.Handler = _ => SnowflakeBodies.Failure(422, "100132", "P0000",
            "JavaScript execution error: Uncaught Execution of multiple statements failed on statement \"insert into table1 (i) values ...\" (at line 1, position 75).\n" +
            "DML operation to table TABLE1 failed on column I with error: Numeric value 'Jane Roe' is not recognized in SYSTEM$MULTISTMT at '    throw `Execution of multiple statements failed`' position 4\nstackstrace: \nSYSTEM$MULTISTMT line: 10",
            "019d6e97-0502-317e-0000-096d0041f036");

        var act = () => _harness.Client.ExecuteAsync(new SnowflakeStatement("BEGIN; insert into table1 (i) values ('Jane Roe'); COMMIT;") { StatementCount = 3 }, default);

        var error = (await act.Should().ThrowAsync<SnowflakeSqlException>()).Which;
        error.Message.Should().NotContain("Jane Roe").And.NotContain("insert into");
        error.Message.Should().Contain("failed on statement \"?\" (at line 1, position 75)");
    }
}
