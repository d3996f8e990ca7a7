namespace HealthDw.Snowflake.Tests.Emulator;

/// <summary>The emulated account as warehouse/snowflake/setup.sql builds it, and the order rules its parser holds the script to.</summary>
public sealed class EmulatedAccountTests
{
    private const string Integration = """
        use role accountadmin;
        create role if not exists healthdw_loader;
        create database if not exists healthdw;
        create schema if not exists healthdw.staging;
        create storage integration if not exists healthdw_s3 type = external_stage storage_provider = 'S3' enabled = true
            storage_aws_role_arn = 'arn:aws:iam::111122223333:role/r' storage_allowed_locations = ('s3://b/');
        """;

    [Fact]
    public void FromShippedSetup_ShouldHoldTheStageOnTheIntegrationThePipelineRoleMayDescribe()
    {
        var account = EmulatedAccount.FromShippedSetup("some-bucket", "arn:aws:iam::444455556666:role/snowflake-reads");

        account.Stage("HEALTHDW", "STAGING", "RAW_STAGE").Should().Be(new EmulatedStage("HEALTHDW", "STAGING", "RAW_STAGE", "s3://some-bucket/", "HEALTHDW_S3"));
        var integration = account.Integration("HEALTHDW_S3")!;
        integration.RoleArn.Should().Be("arn:aws:iam::444455556666:role/snowflake-reads");
        integration.AllowedLocations.Should().Be("s3://some-bucket/");
        integration.Enabled.Should().BeTrue();
        integration.Owner.Should().Be("ACCOUNTADMIN");
        integration.Allows("HEALTHDW_LOADER").Should().BeTrue("setup.sql step 8 grants USAGE on the integration for `healthdw doctor --aws`");
        account.Schemas.Should().Contain(["HEALTHDW.PUBLIC", "HEALTHDW.INFORMATION_SCHEMA"], "CREATE DATABASE makes these two schemas itself");
    }

    [Fact]
    public void Run_WhenAStageIsCreatedByARoleWithoutUsageOnItsIntegration_ShouldRefuseIt()
    {
        // "CREATE STAGE", access control requirements: USAGE on the storage integration the stage names.
        var account = new EmulatedAccount();
        account.Run(Integration);

        var create = () => account.Run("use role sysadmin; create stage healthdw.staging.raw_stage storage_integration = healthdw_s3 url = 's3://b/'");

        create.Should().Throw<InvalidOperationException>().WithMessage("*role SYSADMIN has no USAGE on integration HEALTHDW_S3*");
        account.Run("use role accountadmin; grant usage on integration healthdw_s3 to role sysadmin");
        create.Should().NotThrow();
    }

    [Fact]
    public void Run_WhenAPlaceholderIsLeftInTheIntegration_ShouldRefuseIt()
    {
        var account = new EmulatedAccount();

        var run = () => account.Run(Integration.Replace("s3://b/", "s3://<bucket>/", StringComparison.Ordinal));

        run.Should().Throw<InvalidOperationException>().WithMessage("*placeholder left in 's3://<bucket>/'*");
    }

    [Fact]
    public void Run_WhenTheGrantedRoleDoesNotExist_ShouldRefuseTheGrant()
    {
        var account = new EmulatedAccount();
        account.Run(Integration);

        var grant = () => account.Run("grant usage on integration healthdw_s3 to role \"healthdw_loader\"");

        grant.Should().Throw<InvalidOperationException>().WithMessage("*role healthdw_loader does not exist*");
    }
}
