using HealthDw.StateMachine.History;

namespace HealthDw.StateMachine.Tests.Storage;

/// <summary>A killed process that its parent has not reaped yet (a zombie) is gone: its execution is not RUNNING.</summary>
public class ExecutionOwnerTests
{
    [Theory]
    [InlineData("28795 (dotnet) Z 1 28795 28795 0 -1 4228164 0 0", true)]
    [InlineData("28795 (dotnet) S 1 28795 28795 0 -1 4194560 0 0", false)]
    [InlineData("28795 (dotnet) R 1 28795 28795 0 -1 4194560 0 0", false)]
    [InlineData("4242 (a (b) Z) S 1 4242 4242 0 -1 0", false)] // the command name may hold ") Z": the state follows the last ')'
    [InlineData("4242 (a (b) S) Z 1 4242 4242 0 -1 0", true)]
    [InlineData(null, false)]
    [InlineData("", false)]
    public void IsZombie_WhenGivenAProcStatLine_ShouldReadTheStateAfterTheCommandName(string? stat, bool zombie) =>
        ExecutionOwner.IsZombie(stat).Should().Be(zombie);

    [Fact]
    public void IsGone_WhenTheProcessIsThisOne_ShouldBeFalse() => ExecutionOwner.Current.IsGone().Should().BeFalse();
}
