using HealthDw.Infra.Configuration;
using HealthDw.Infra.Tests.Support;

namespace HealthDw.Infra.Tests.Configuration;

/// <summary>infra-cdk/stages.json: the shipped stages, and the mistakes it refuses with a message naming the field.</summary>
public sealed class StageFileTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "healthdw-stages-" + Guid.NewGuid().ToString("N") + ".json");

    [Fact]
    public void Load_WhenReadingTheShippedFile_ShouldGiveDevAndProd()
    {
        var stages = StageFile.Load(Path.Combine(RepoPaths.InfraCdk, "stages.json"));
        stages.Select(s => s.Name).Should().Equal("dev", "prod");
        stages.Single(s => s.Name == "prod").LogRetentionDays.Should().Be(365);
        stages.Should().OnlyContain(s => s.Snowflake.User == "healthdw_svc" && s.Snowflake.Stage == "@healthdw.staging.raw_stage");
        stages.Single(s => s.Name == "prod").Production.Should().BeTrue();
        stages.Single(s => s.Name == "dev").Production.Should().BeFalse();
    }

    [Theory]
    [InlineData("""{ "stages": { "dev": { "lifecycle": { "transitionDays": 10 } } } }""", "*dev.lifecycle*transitionDays is 10*")]
    [InlineData("""{ "stages": { "dev": { "lifecycle": { "transitionDays": 30, "processedExpirationDays": 20 } } } }""", "*processedExpirationDays*")]
    [InlineData("""{ "stages": { "Dev!": { } } }""", "*stage name 'Dev!'*")]
    [InlineData("""{ "stages": { "dev": { "retentionDays": 30 } } }""", "*retentionDays*")]
    [InlineData("""{ "stages": { } }""", "*no stages*")]
    [InlineData("""{ "stages": { "prod": { "production": true } } }""", "*prod is a production stage and has no alarmEmail*prod.alarmEmail*")]
    [InlineData("""{ "stages": { "prod": { "production": true, "alarmEmail": " " } } }""", "*prod is a production stage and has no alarmEmail*")]
    [InlineData("""{ "stages": { "dev": { "alarmEmail": "oncall" } } }""", "*dev.alarmEmail 'oncall' is not an email address*")]
    [InlineData("""{ "stages": { "dev": { "dropHeartbeatHours": 0 } } }""", "*dev.dropHeartbeatHours is 0*1 to 168*")]
    [InlineData("""{ "stages": { "dev": { "dropHeartbeatHours": 169 } } }""", "*dev.dropHeartbeatHours is 169*")]
    public void Load_WhenTheFileIsWrong_ShouldSayWhatIsWrong(string json, string message)
    {
        File.WriteAllText(_file, json);
        var act = () => StageFile.Load(_file);
        act.Should().Throw<InvalidOperationException>().WithMessage(message);
    }

    public void Dispose() => File.Delete(_file);
}
