using HealthDw.Snowflake.Tests.Support;
using HealthDw.Warehouse.Snowflake;
using HealthDw.Warehouse.Snowflake.Copy;

namespace HealthDw.Snowflake.Tests.Copy;

/// <summary>A COPY INTO ... FILES=(...) ON_ERROR=ABORT_STATEMENT through the client, both outcomes.</summary>
public sealed class CopyIntoOverSqlApiTests : IAsyncLifetime
{
    private const string Copy =
        "COPY INTO STAGING.BILLING_CLAIMS FROM @RAW FILES=('billing_claims_20261121T0200.csv') ON_ERROR=ABORT_STATEMENT";

    private readonly SnowflakeHarness _harness = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task ExecuteAsync_WhenCopyLoadsTheFile_ShouldMapToALoadedFileResult()
    {
        _harness.Server.Handler = request => request.IsSubmit
            ? SnowflakeBodies.Accepted("01b-copy")
            : SnowflakeBodies.Result("01b-copy", SnowflakeBodies.CopyColumns,
                [["s3://drops/raw_files/billing_claims_20261121T0200.csv", "LOADED", "5000", "5000", "1", "0", null, null, null, null]]);

        var result = await _harness.Client.ExecuteAsync(new SnowflakeStatement(Copy), default);

        CopyResultMapper.FromResult(result).Should().ContainSingle().Which.Should().Be(new CopyFileResult(
            "s3://drops/raw_files/billing_claims_20261121T0200.csv", "LOADED", 5000, 5000, 0, null, null, null, null, null));
        _harness.Server.AuthFailures.Should().BeEmpty();
    }

    [Fact]
    public async Task ExecuteAsync_WhenCopyAbortsOnABadRow_ShouldMapTheFailureToTheFileAndPosition()
    {
        _harness.Server.Handler = request => request.IsSubmit
            ? SnowflakeBodies.Accepted("01b-copy")
            : SnowflakeBodies.Failure(422, "100038", "22018",
                "Numeric value 'one thousand' is not recognized\n  File 'billing_claims_20261121T0200.csv', line 2, character 14\n" +
                "  Row 1, column \"BILLING_CLAIMS\"[\"AMOUNT\":3]\n  If you would like to continue loading when an error is encountered, " +
                "use other values such as 'SKIP_FILE' or 'CONTINUE' for the ON_ERROR option. For more information on loading options, please run 'info loading_data' in a SQL client.",
                "01b-copy");

        var act = () => _harness.Client.ExecuteAsync(new SnowflakeStatement(Copy), default);

        var failure = (await act.Should().ThrowAsync<SnowflakeSqlException>()).Which;
        failure.Message.Should().NotContain("one thousand").And.Contain("line 2, character 14");
        CopyResultMapper.FromFailure(failure).Should().Be(new CopyFileResult(
            "billing_claims_20261121T0200.csv", "LOAD_FAILED", null, 0, 1, "100038", "Numeric value '?' is not recognized", 2, 14,
            "\"BILLING_CLAIMS\"[\"AMOUNT\":3]"));
    }
}
