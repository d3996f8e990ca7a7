using HealthDw.Core.Doctor;

namespace HealthDw.Tests.Core.Doctor;

public class DoctorRunTests
{
    private sealed class Check(string name, Func<DoctorFinding> run, params string[] needs) : IDoctorCheck
    {
        public string Name => name;

        public IReadOnlyList<string> Needs => needs;

        public int Runs { get; private set; }

        public Task<DoctorFinding> RunAsync(CancellationToken ct)
        {
            Runs++;
            return Task.FromResult(run());
        }
    }

    [Fact]
    public async Task RunAsync_WhenANeededCheckFails_ShouldSkipWhatNeedsItAndRunTheRest()
    {
        var warehouse = new Check("warehouse", () => DoctorFinding.Fail("warehouse", "down", "start it"));
        var canary = new Check("canary", () => DoctorFinding.Ok("canary", "fine"), "warehouse");
        var bucket = new Check("bucket", () => DoctorFinding.Ok("bucket", "fine"));

        var findings = await DoctorRun.RunAsync([warehouse, canary, bucket], CancellationToken.None);

        findings.Select(f => (f.Check, f.Status)).Should().Equal(("warehouse", DoctorStatus.Fail), ("canary", DoctorStatus.Skipped), ("bucket", DoctorStatus.Ok));
        findings[1].Fix.Should().Be("fix warehouse first");
        canary.Runs.Should().Be(0);
        DoctorRun.AllPassed(findings).Should().BeFalse();
    }

    [Fact]
    public async Task RunAsync_WhenACheckThrowsSomethingUnforeseen_ShouldFailThatCheckWithoutWhatTheMessageQuotes()
    {
        var broken = new Check("stage", () => throw new InvalidOperationException("value 'Jane Doe' rejected"));

        var findings = await DoctorRun.RunAsync([broken], CancellationToken.None);

        findings.Single().Status.Should().Be(DoctorStatus.Fail);
        findings.Single().Detail.Should().Be("InvalidOperationException: value").And.NotContain("Jane");
    }
}
