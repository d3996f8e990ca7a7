using System.Text.Json;
using System.Text.Json.Nodes;
using HealthDw.Snowflake.Tests.Support;
using HealthDw.Warehouse.Snowflake;

namespace HealthDw.Snowflake.Tests.Client;

public sealed class SnowflakeSqlClientStatementTests : IAsyncLifetime
{
    private static readonly (string, string)[] TwoColumns = [("ID", "fixed"), ("NAME", "text")];
    private readonly SnowflakeHarness _harness = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task ExecuteAsync_WhenServerAnswers202Then200_ShouldPollTheHandleAndReturnTheRows()
    {
        var polls = 0;
        _harness.Server.Handler = request => request.IsSubmit
            ? SnowflakeBodies.Accepted("01b-handle")
            : ++polls == 1
                ? SnowflakeBodies.Accepted("01b-handle")
                : SnowflakeBodies.Result("01b-handle", TwoColumns, [["1", "a"], ["2", null]]);

        var result = await _harness.Client.ExecuteAsync(new SnowflakeStatement("select id, name from t"), default);

        result.Rows.Should().BeEquivalentTo(new[] { new[] { "1", "a" }, new[] { "2", null } }, o => o.WithStrictOrdering());
        result.Columns.Select(c => (c.Name, c.Type)).Should().Equal(("ID", "fixed"), ("NAME", "text"));
        result.NumRows.Should().Be(2);
        _harness.Server.Requests.Select(r => $"{r.Method} {r.Path}").Should().Equal(
            "POST /api/v2/statements", "GET /api/v2/statements/01b-handle", "GET /api/v2/statements/01b-handle");
        _harness.Clock.Delays.Should().Equal(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1));
        _harness.Server.AuthFailures.Should().BeEmpty();
    }

    [Fact]
    public async Task SubmitAsync_WhenStatementIsStillRunning_ShouldReturnTheHandleForTheStepFunctionsLoop()
    {
        var requestId = Guid.Parse("ea7b46ed-bdc1-8c32-d593-764fcad64e83");
        _harness.Server.Handler = request => request.IsSubmit
            ? SnowflakeBodies.Accepted("01b-running")
            : SnowflakeBodies.Result("01b-running", TwoColumns, [["7", "x"]]);

        var submitted = await _harness.Client.SubmitAsync(new SnowflakeStatement("select 1") { RequestId = requestId }, default);
        var checkedLater = await _harness.Client.GetStatusAsync(submitted.StatementHandle, default);

        submitted.IsComplete.Should().BeFalse();
        submitted.StatementHandle.Should().Be("01b-running");
        submitted.RequestId.Should().Be(requestId);
        checkedLater.IsComplete.Should().BeTrue();
        checkedLater.Result!.Rows.Should().ContainSingle().Which.Should().Equal("7", "x");
        _harness.Clock.Delays.Should().BeEmpty("the caller (a Step Functions Wait state) does the waiting");
    }

    [Fact]
    public async Task SubmitAsync_ShouldSendTheDocumentedRequest()
    {
        var requestId = Guid.Parse("2f0a8c1e-4b7d-4e52-9a6b-0c3d5e7f9a1b");
        _harness.Server.Handler = _ => SnowflakeBodies.Result("01b-q", TwoColumns, []);
        var statement = new SnowflakeStatement("select * from patients where mrn = ? and visits > ?")
        {
            RequestId = requestId,
            Bindings = [SnowflakeBinding.Text("MRN-0042"), SnowflakeBinding.Fixed(3)],
            Timeout = TimeSpan.FromSeconds(90),
        };

        await _harness.Client.SubmitAsync(statement, default);

        var request = _harness.Server.Requests.Should().ContainSingle().Which;
        request.Method.Should().Be("POST");
        request.Path.Should().Be("/api/v2/statements");
        request.Query.Should().BeEquivalentTo(new Dictionary<string, string> { ["requestId"] = requestId.ToString(), ["async"] = "true" });
        request.Headers["Content-Type"].Should().StartWith("application/json");
        request.Headers["Accept"].Should().Contain("application/json");
        request.Headers["User-Agent"].Should().Be("HealthDw/1.0");
        request.Headers["X-Snowflake-Authorization-Token-Type"].Should().Be("KEYPAIR_JWT");
        JsonNode.DeepEquals(JsonNode.Parse(request.Body), JsonNode.Parse("""
            {
              "statement": "select * from patients where mrn = ? and visits > ?",
              "timeout": 90,
              "database": "HEALTHDW",
              "schema": "STAGING",
              "warehouse": "HEALTHDW_WH",
              "role": "HEALTHDW_LOADER",
              "bindings": { "1": { "type": "TEXT", "value": "MRN-0042" }, "2": { "type": "FIXED", "value": "3" } },
              "parameters": { "MULTI_STATEMENT_COUNT": "1" }
            }
            """)).Should().BeTrue(request.Body);
        _harness.Server.AuthFailures.Should().BeEmpty();
    }

    [Fact]
    public async Task ExecuteAsync_WhenTransactionHasFourStatements_ShouldFetchEachChildResultInOrder()
    {
        string[] children = ["01b-begin", "01b-copy", "01b-ledger", "01b-commit"];
        _harness.Server.Handler = request => request.Path switch
        {
            "/api/v2/statements" => SnowflakeBodies.Result(
                "01b-parent", [("multiple statement execution", "text")], [["Multiple statements executed successfully."]],
                statementHandles: children),
            "/api/v2/statements/01b-begin" => SnowflakeBodies.Result("01b-begin", [("status", "text")], [["Statement executed successfully."]]),
            "/api/v2/statements/01b-copy" => SnowflakeBodies.Result("01b-copy", SnowflakeBodies.CopyColumns,
                [["s3://drops/raw_files/register_users_20261121T0200.csv", "LOADED", "120", "120", "1", "0", null, null, null, null]]),
            "/api/v2/statements/01b-ledger" => SnowflakeBodies.Result("01b-ledger", [("number of rows inserted", "fixed")], [["1"]],
                stats: new JsonObject { ["numRowsInserted"] = 1 }),
            "/api/v2/statements/01b-commit" => SnowflakeBodies.Result("01b-commit", [("status", "text")], [["Statement executed successfully."]]),
            _ => new FakeReply(404, "{}"),
        };
        var sql = "BEGIN; COPY INTO STAGING.REGISTER_USERS FROM @RAW FILES=('register_users_20261121T0200.csv') ON_ERROR=ABORT_STATEMENT; " +
                  "INSERT INTO AUDIT.FILE_LOADS (object_key) VALUES ('raw_files/register_users_20261121T0200.csv'); COMMIT;";

        var result = await _harness.Client.ExecuteAsync(new SnowflakeStatement(sql) { StatementCount = 4 }, default);

        _harness.Server.Submits.Single().Json.GetProperty("parameters").GetProperty("MULTI_STATEMENT_COUNT").GetString().Should().Be("4");
        result.StatementHandle.Should().Be("01b-parent");
        result.Statements.Select(s => s.StatementHandle).Should().Equal(children);
        result.Statements[1].Rows.Should().ContainSingle().Which[3].Should().Be("120");
        result.Statements[2].Stats.Should().Be(new SnowflakeDmlStats(1, 0, 0, 0));
        _harness.Server.AuthFailures.Should().BeEmpty();
    }

    [Fact]
    public async Task ExecuteAsync_WhenResultComesInThreePartitions_ShouldFetchTheOthersInOrder()
    {
        _harness.Server.Handler = request => (request.Path, request.QueryValue("partition")) switch
        {
            ("/api/v2/statements", _) => SnowflakeBodies.Result(
                "01b-big", TwoColumns, [["1", "a"], ["2", "b"]], numRows: 5, partitionRowCounts: [2, 2, 1]),
            ("/api/v2/statements/01b-big", "1") => SnowflakeBodies.Partition([["3", "c"], ["4", null]]),
            ("/api/v2/statements/01b-big", "2") => SnowflakeBodies.Partition([["5", "e"]]),
            _ => new FakeReply(404, "{}"),
        };

        var result = await _harness.Client.ExecuteAsync(new SnowflakeStatement("select id, name from big"), default);

        result.NumRows.Should().Be(5);
        result.Rows.Select(r => r[0]).Should().Equal("1", "2", "3", "4", "5");
        result.Rows[3][1].Should().BeNull();
        _harness.Server.Requests.Skip(1).Select(r => r.QueryValue("partition")).Should().Equal("1", "2");
        _harness.Server.AuthFailures.Should().BeEmpty();
    }

    [Fact]
    public async Task ExecuteAsync_WhenDmlReportsStats_ShouldExposeThem()
    {
        _harness.Server.Handler = _ => SnowflakeBodies.Result(
            "01b-merge", [("number of rows inserted", "fixed"), ("number of rows updated", "fixed")], [["4", "2"]],
            stats: new JsonObject { ["numRowsInserted"] = 4, ["numRowsUpdated"] = 2, ["numRowsDeleted"] = 0, ["numDuplicateRowsUpdated"] = 0 });

        var result = await _harness.Client.ExecuteAsync(new SnowflakeStatement("merge into dim_patient ..."), default);

        result.Stats.Should().Be(new SnowflakeDmlStats(4, 2, 0, 0));
    }

    [Fact]
    public async Task CancelAsync_ShouldPostToTheCancelEndpointOfTheHandle()
    {
        _harness.Server.Handler = _ => new FakeReply(200, """
            {"code":"000604","sqlState":"57014","message":"SQL execution canceled","statementHandle":"01b-long","statementStatusUrl":"/api/v2/statements/01b-long"}
            """);

        await _harness.Client.CancelAsync("01b-long", default);

        var request = _harness.Server.Requests.Should().ContainSingle().Which;
        (request.Method, request.Path).Should().Be(("POST", "/api/v2/statements/01b-long/cancel"));
        _harness.Server.AuthFailures.Should().BeEmpty();
    }

    [Fact]
    public async Task SubmitAsync_WhenMultiStatementRequestHasBindings_ShouldRefuseBeforeSending()
    {
        var statement = new SnowflakeStatement("BEGIN; INSERT INTO t VALUES (?); COMMIT;")
        {
            StatementCount = 3,
            Bindings = [SnowflakeBinding.Text("x")],
        };

        var act = () => _harness.Client.SubmitAsync(statement, default);

        await act.Should().ThrowAsync<ArgumentException>().WithMessage("*multi-statement*");
        _harness.Server.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task SubmitAsync_WhenCallerMarksAResubmission_ShouldSendRetryTrueWithTheSameRequestId()
    {
        var requestId = Guid.Parse("6c1d7e0f-8a2b-4c3d-9e4f-5a6b7c8d9e0f");
        _harness.Server.Handler = _ => SnowflakeBodies.Result("01b-q", TwoColumns, []);

        await _harness.Client.SubmitAsync(new SnowflakeStatement("select 1") { RequestId = requestId, IsResubmission = true }, default);

        var request = _harness.Server.Submits.Should().ContainSingle().Which;
        request.RequestId.Should().Be(requestId.ToString());
        request.IsRetry.Should().BeTrue();
    }

    [Fact]
    public async Task SubmitAsync_WhenNoRequestIdIsGiven_ShouldSendAFreshUuid()
    {
        _harness.Server.Handler = _ => SnowflakeBodies.Result("01b-q", TwoColumns, []);

        var status = await _harness.Client.SubmitAsync(new SnowflakeStatement("select 1"), default);

        var request = _harness.Server.Submits.Should().ContainSingle().Which;
        Guid.TryParse(request.RequestId, out var sent).Should().BeTrue();
        status.RequestId.Should().Be(sent);
        request.IsRetry.Should().BeFalse();
        JsonSerializer.Serialize(request.Json.GetProperty("parameters")).Should().Contain("\"MULTI_STATEMENT_COUNT\":\"1\"");
    }
}
