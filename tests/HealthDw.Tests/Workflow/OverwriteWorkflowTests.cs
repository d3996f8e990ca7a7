using System.Text;
using System.Text.Json.Nodes;
using HealthDw.Cli.Local;
using HealthDw.StateMachine.History;
using HealthDw.StateMachine.Tasks;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Workflow;

/// <summary>
/// A file overwritten between its event and a step that reads it, in the local (folder) bucket, which keeps one content per
/// key as an unversioned bucket does. The ledger keys on the event's version, so the newer content must never load under
/// the older version's identity: the older execution fails (nothing loaded, nothing archived, no error report left), and the
/// newer content stays in raw_files/ for its own event.
/// </summary>
[Collection(PostgresCollection.Name)]
public class OverwriteWorkflowTests(PostgresFixture postgres)
{
    private const string Key = "raw_files/chart_code_20261121T0200.csv";
    private const string Older = "CODEPK,CODE,CODE_TYPE,DESCRIPTION,UPDATE_AT\n1,E11.9,ICD10,x,2026-11-20 10:00:00\n";
    private const string Newer = "CODEPK,CODE,CODE_TYPE,DESCRIPTION,UPDATE_AT\n1,E11.9,ICD10,x,2026-11-20 10:00:00\n2,99213,CPT,y,2026-11-20 10:00:00\n3,99214,CPT,z,2026-11-20 10:00:00\n";

    /// <summary>Writes the newer content under the key just before the named step runs.</summary>
    private sealed class OverwriteBefore(ILambdaInvoker inner, string handler) : ILambdaInvoker
    {
        private int _done;

        public TestPipeline? Test { get; set; }

        public async Task<JsonNode?> InvokeAsync(string functionNameOrArn, JsonNode? payload, CancellationToken cancellationToken)
        {
            if (LocalBindings.HandlerOf(functionNameOrArn) == handler && Interlocked.Exchange(ref _done, 1) == 0)
                await Test!.Pipeline.Store.PutAsync(Key, new MemoryStream(Encoding.UTF8.GetBytes(Newer)), cancellationToken);
            return await inner.InvokeAsync(functionNameOrArn, payload, cancellationToken);
        }
    }

    [Theory]
    [InlineData("validate-file")]
    [InlineData("load-to-staging")]
    [InlineData("archive-file")]
    public async Task Ingest_WhenTheFileIsOverwrittenBeforeAStep_ShouldNeverLoadOrArchiveTheNewerContentAsTheOlderVersion(string step)
    {
        OverwriteBefore? overwrite = null;
        await using var test = await TestPipeline.CreateAsync(postgres, decorate: inner => overwrite = new OverwriteBefore(inner, step));
        overwrite!.Test = test;
        var file = test.Folder.Write("in/chart_code_20261121T0200.csv", Older);

        var run = await test.Runner.DropAsync(file, null, CancellationToken.None);

        run.Outcome.ExecutionStatus.Should().Be(ExecutionStatus.Failed);
        run.Outcome.Error.Should().NotBe("HealthDw.FileRejected", "the file is not bad: its version is gone");
        run.Outcome.Cause.Should().Contain("ObjectVersionGoneException");
        if (step == "archive-file")
        {
            // The older version was loaded (read and checked as that version) before the overwrite; only its archive fails.
            (await test.StagingRowsAsync("chart_code")).Should().Be(1, "the older content, one row, was loaded under its own version");
        }
        else
        {
            (await test.StagingRowsAsync("chart_code")).Should().Be(0);
            (await test.LedgerRowsAsync()).Should().Be(0);
        }

        File.ReadAllText(test.BucketFile(Key)).Should().Be(Newer, "the newer content stays for its own event");
        test.BucketKeys("processed").Should().BeEmpty();
        test.BucketKeys("error_files").Should().BeEmpty("no report is left for a file that is not archived beside it");
    }
}
