namespace HealthDw.Core.Doctor;

/// <summary>How a new object in <c>raw_files/</c> reaches the ingest-file workflow. On AWS the bucket's own event does it
/// (S3 → EventBridge → Step Functions), so there is nothing to do; locally the CLI starts the execution, as <c>drop</c> does.</summary>
public interface IIngestTrigger
{
    Task IngestAsync(string key, CancellationToken ct);
}
