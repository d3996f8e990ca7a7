using HealthDw.Core.Ports;
using HealthDw.Core.Drops;

namespace HealthDw.Tests.Core.Drops;

public class PublishPlanTests
{
    private const string Drop = "20261121T0200";
    private static readonly DateTimeOffset T = new(2026, 11, 21, 3, 0, 0, TimeSpan.Zero);

    private static PublishAttemptEvent At(string name, string kind, int minute) => new(Drop, name, kind, T.AddMinutes(minute));

    [Fact]
    public void For_WhenNoAttemptWasRecorded_ShouldNameTheFirstPublish()
    {
        PublishPlan.For(Drop, T, []).Should().Be(new PublishPlan("drop-20261121T0200", Covered: false, Running: false));
    }

    [Theory]
    [InlineData(PublishAttemptEvent.Blocked)]
    [InlineData(PublishAttemptEvent.Failed)]
    [InlineData(PublishAttemptEvent.Published)]
    public void For_WhenTheLastAttemptEndedAndAFileWasLoadedAfterItsBuildBegan_ShouldNameANewOne(string ended)
    {
        var attempts = new[] { At("drop-20261121T0200", PublishAttemptEvent.Building, 0), At("drop-20261121T0200", ended, 5) };

        PublishPlan.For(Drop, T.AddMinutes(10), attempts).Should().Be(new PublishPlan("drop-20261121T0200-r2", Covered: false, Running: false));
    }

    [Fact]
    public void For_WhenTheLastAttemptBeganBuildingAfterTheNewestLoad_ShouldSayCoveredByIt()
    {
        var attempts = new[]
        {
            At("drop-20261121T0200", PublishAttemptEvent.Building, 0), At("drop-20261121T0200", PublishAttemptEvent.Blocked, 5),
            At("drop-20261121T0200-r2", PublishAttemptEvent.Building, 20),
        };

        PublishPlan.For(Drop, T.AddMinutes(19), attempts).Should().Be(new PublishPlan("drop-20261121T0200-r2", Covered: true, Running: true),
            "a file loaded before a build began is in it: a second publish would publish it twice");
    }

    [Fact]
    public void For_WhenAFileWasLoadedWhileAnAttemptBuilds_ShouldNameTheNextAndSayOneIsRunning()
    {
        var attempts = new[] { At("drop-20261121T0200", PublishAttemptEvent.Building, 0) };

        PublishPlan.For(Drop, T.AddMinutes(1), attempts).Should().Be(new PublishPlan("drop-20261121T0200-r2", Covered: false, Running: true));
        PublishPlan.For(Drop, T, attempts).Covered.Should().BeFalse("a load stamped at the build's very start may not be in it");
    }

    [Fact]
    public void For_WhenAnAttemptFailedBeforeItBuilt_ShouldCoverOnlyWhatWasLoadedBeforeItEnded()
    {
        var attempts = new[] { At("drop-20261121T0200-r3", PublishAttemptEvent.Failed, 30) };

        PublishPlan.For(Drop, T.AddMinutes(29), attempts).Covered.Should().BeTrue();
        PublishPlan.For(Drop, T.AddMinutes(31), attempts).Name.Should().Be("drop-20261121T0200-r4");
    }

    [Theory]
    [InlineData("drop-20261121T0200", "20261121T0200")]
    [InlineData("drop-20261121T0200-r2", "20261121T0200")]
    [InlineData("drop-20261121T0200-r12", "20261121T0200")]
    [InlineData("drop-doctor-canary", "doctor-canary")]
    [InlineData("drop-20261121T0200-r", "20261121T0200-r")]
    [InlineData("drop-", null)]
    [InlineData("20261121T0200", null)]
    [InlineData("3f2a9c1e-console-run", null)]
    public void DropIdOf_WhenGivenAnExecutionName_ShouldGiveTheDropThatPublishDropNamesItFor(string name, string? expected)
    {
        PublishPlan.DropIdOf(name).Should().Be(expected);
    }
}
