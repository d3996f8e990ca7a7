using HealthDw.Snowflake.Tests.Support;
using HealthDw.Warehouse.Snowflake;

namespace HealthDw.Snowflake.Tests.Client;

public sealed class SnowflakeSqlClientRetryTests : IAsyncLifetime
{
    private static readonly (string, string)[] OneColumn = [("N", "fixed")];
    private readonly SnowflakeHarness _harness = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task ExecuteAsync_When429WithRetryAfterThen200_ShouldWaitRetryAfterAndResubmitTheSameRequest()
    {
        var submits = 0;
        _harness.Server.Handler = _ => ++submits == 1
            ? SnowflakeBodies.Error(429, "390505", "Too many requests.") with { Headers = new Dictionary<string, string> { ["Retry-After"] = "7" } }
            : SnowflakeBodies.Result("01b-q", OneColumn, [["1"]]);

        var result = await _harness.Client.ExecuteAsync(new SnowflakeStatement("select 1"), default);

        result.Rows.Should().ContainSingle();
        _harness.Clock.Delays.Should().Equal(TimeSpan.FromSeconds(7));
        var sent = _harness.Server.Submits;
        sent.Should().HaveCount(2);
        sent[1].RequestId.Should().Be(sent[0].RequestId);
        sent.Select(r => r.IsRetry).Should().Equal(false, true);
        _harness.Server.AuthFailures.Should().BeEmpty();
    }

    [Fact]
    public async Task ExecuteAsync_When503TwiceThen200_ShouldBackOffAndResubmitWithRetryTrue()
    {
        var submits = 0;
        _harness.Server.Handler = _ => ++submits <= 2
            ? new FakeReply(503, "")
            : SnowflakeBodies.Result("01b-q", OneColumn, [["1"]]);

        var result = await _harness.Client.ExecuteAsync(new SnowflakeStatement("select 1"), default);

        result.Rows.Should().ContainSingle();
        var sent = _harness.Server.Submits;
        sent.Select(r => r.RequestId).Distinct().Should().ContainSingle();
        sent.Select(r => r.IsRetry).Should().Equal(false, true, true);
        var delays = _harness.Clock.Delays;
        delays.Should().HaveCount(2);
        delays[0].Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(500)).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(1));
        delays[1].Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1)).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task ExecuteAsync_When503Persists_ShouldThrowTransientAfterMaxAttempts()
    {
        _harness.Server.Handler = _ => SnowflakeBodies.Error(503, "000000", "Service Unavailable");

        var act = () => _harness.Client.ExecuteAsync(new SnowflakeStatement("select 1"), default);

        var error = (await act.Should().ThrowAsync<SnowflakeTransientException>()).Which;
        error.Reason.Should().Be(SnowflakeTransientReason.ServerError);
        error.StatusCode.Should().Be(503);
        error.RequestId.Should().Be(Guid.Parse(_harness.Server.Submits[0].RequestId!));
        _harness.Server.Submits.Should().HaveCount(_harness.Options.MaxAttempts);
    }

    [Fact]
    public async Task ExecuteAsync_WhenResponseIsLost_ShouldResubmitTheSameRequestIdWithRetryTrueAndRunTheStatementOnce()
    {
        var executed = new Dictionary<string, FakeReply>();
        var executions = 0;
        var requestId = Guid.Parse("0d7f3b2a-1c4e-4f6a-8b9c-2d3e4f5a6b7c");
        _harness.Server.Handler = request =>
        {
            if (executed.TryGetValue(request.RequestId!, out var earlier))
                return request.IsRetry ? earlier : SnowflakeBodies.Error(400, "390000", "duplicate request without retry=true");
            executions++;
            executed[request.RequestId!] = SnowflakeBodies.Result("01b-insert", [("number of rows inserted", "fixed")], [["1"]]);
            return FakeReply.Lost();
        };

        var result = await _harness.Client.ExecuteAsync(
            new SnowflakeStatement("insert into audit.file_loads (object_key) values ('raw_files/a.csv')") { RequestId = requestId }, default);

        executions.Should().Be(1);
        result.Rows.Should().ContainSingle().Which.Should().Equal("1");
        var sent = _harness.Server.Submits;
        sent.Select(r => r.RequestId).Should().Equal(requestId.ToString(), requestId.ToString());
        sent.Select(r => r.IsRetry).Should().Equal(false, true);
        _harness.Server.AuthFailures.Should().BeEmpty();
    }

    [Fact]
    public async Task ExecuteAsync_WhenEveryResponseIsLost_ShouldThrowTransientNetworkFailureWithTheRequestId()
    {
        var requestId = Guid.Parse("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d");
        _harness.Server.Handler = _ => FakeReply.Lost();

        var act = () => _harness.Client.ExecuteAsync(new SnowflakeStatement("select 1") { RequestId = requestId }, default);

        var error = (await act.Should().ThrowAsync<SnowflakeTransientException>()).Which;
        error.Reason.Should().Be(SnowflakeTransientReason.NetworkFailure);
        error.RequestId.Should().Be(requestId);
        _harness.Server.Submits.Should().HaveCount(_harness.Options.MaxAttempts);
    }

    [Fact]
    public async Task ExecuteAsync_WhenRetryAfterExceedsTheLimit_ShouldFailAsTransientWithoutWaiting()
    {
        _harness.Server.Handler = _ =>
            SnowflakeBodies.Error(429, "390505", "Too many requests.") with { Headers = new Dictionary<string, string> { ["Retry-After"] = "600" } };

        var act = () => _harness.Client.ExecuteAsync(new SnowflakeStatement("select 1"), default);

        (await act.Should().ThrowAsync<SnowflakeTransientException>()).Which.Reason.Should().Be(SnowflakeTransientReason.RetryAfterTooLong);
        _harness.Clock.Delays.Should().BeEmpty();
    }

    [Fact]
    public async Task ExecuteAsync_WhenStatementTimesOut_ShouldThrowTransientStatementTimeout()
    {
        _harness.Server.Handler = request => request.IsSubmit
            ? SnowflakeBodies.Accepted("01b-slow")
            : new FakeReply(408, """{"code":"000630","sqlState":"57014","message":"Statement reached its statement or warehouse timeout of 600 second(s) and was canceled.","statementHandle":"01b-slow"}""");

        var act = () => _harness.Client.ExecuteAsync(new SnowflakeStatement("select slow()"), default);

        var error = (await act.Should().ThrowAsync<SnowflakeTransientException>()).Which;
        error.Reason.Should().Be(SnowflakeTransientReason.StatementTimeout);
        error.StatementHandle.Should().Be("01b-slow");
    }

    [Fact]
    public async Task ExecuteAsync_WhenStatementOutlivesThePollTimeout_ShouldThrowStillRunningWithTheHandle()
    {
        await using var harness = new SnowflakeHarness(o => o with { PollTimeout = TimeSpan.FromSeconds(30) });
        harness.Server.Handler = _ => SnowflakeBodies.Accepted("01b-forever");

        var act = () => harness.Client.ExecuteAsync(new SnowflakeStatement("select forever()"), default);

        var error = (await act.Should().ThrowAsync<SnowflakeTransientException>()).Which;
        error.Reason.Should().Be(SnowflakeTransientReason.StillRunning);
        error.StatementHandle.Should().Be("01b-forever");
        harness.Clock.Delays.Aggregate(TimeSpan.Zero, (a, b) => a + b).Should().BeLessThanOrEqualTo(TimeSpan.FromSeconds(30));
        harness.Clock.Delays.Should().OnlyContain(d => d <= harness.Options.PollMaxDelay);
    }

    [Fact]
    public async Task GetStatusAsync_When429WhileRunning_ShouldRetryThenReportRunning()
    {
        var polls = 0;
        _harness.Server.Handler = _ => ++polls == 1
            ? SnowflakeBodies.Error(429, "390505", "Too many requests.")
            : SnowflakeBodies.Accepted("01b-busy");

        var status = await _harness.Client.GetStatusAsync("01b-busy", default);

        status.IsComplete.Should().BeFalse();
        _harness.Server.Requests.Should().HaveCount(2);
        _harness.Clock.Delays.Should().ContainSingle();
    }
}
