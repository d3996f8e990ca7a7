using HealthDw.Cli.Local;
using HealthDw.Core.Doctor;
using HealthDw.Core.Pipeline;
using HealthDw.Storage;

namespace HealthDw.Cli.Doctor;

/// <summary>The canary on this machine: the local pipeline and workflow (the very ASL files, the same step handlers) over
/// the folder bucket and the local warehouse, opened only once the checks it needs have passed.</summary>
public sealed class LocalCanaryCheck(LocalSettings settings) : IDoctorCheck
{
    public string Name => CanaryCheck.CheckName;

    public IReadOnlyList<string> Needs => [ConfigurationCheck.CheckName, LocalWarehouseCheck.CheckName, FolderBucketCheck.CheckName];

    public async Task<DoctorFinding> RunAsync(CancellationToken ct)
    {
        await using var pipeline = await LocalPipeline.OpenAsync(settings, ct);
        var workflow = LocalWorkflow.Create(pipeline, settings);
        var canary = new CanaryCheck(pipeline.Store, new WorkflowIngestTrigger(new DropRunner(pipeline, workflow)), pipeline.Sql, pipeline.Clock,
            Task.Delay, new CanaryOptions { Timeout = TimeSpan.Zero, WhereToLook = "healthdw executions list" });
        var finding = await canary.RunAsync(ct);
        RemoveEmptyCanaryFolders(pipeline.Store.Root);
        return finding;
    }

    /// <summary>A folder bucket keeps the canary's drop folder once its one file is gone; S3 has no folders to leave.</summary>
    private static void RemoveEmptyCanaryFolders(string root)
    {
        foreach (var prefix in new[] { BucketLayout.Processed, BucketLayout.Errors })
        {
            var parent = Path.Combine(root, prefix.TrimEnd('/'));
            if (!Directory.Exists(parent))
                continue;
            foreach (var folder in Directory.GetDirectories(parent, "doctor-*"))
            {
                if (!Directory.EnumerateFileSystemEntries(folder).Any())
                    Directory.Delete(folder);
            }
        }
    }
}
