using HealthDw.Core.Pipeline;
using HealthDw.Infra.Configuration;

namespace HealthDw.Infra.Steps;

/// <summary>
/// The steps of the bootstrap package and what each may do: the least-privilege table. Which steps there are, and the
/// placeholder of each, is the step contract's (statemachine/steps.json); this adds each one's size and permissions.
/// Object keys (<see cref="BucketLayout"/>): raw_files/ (drops land), processed/ (loaded), error_files/ (refused, with reports).
/// Snowflake reads raw_files/ itself through its stage; the Load step reads the file too, only to check it against
/// its contract before the COPY.
/// </summary>
public static class StepCatalog
{
    public const string RouteFile = "route-file";
    public const string ValidateFile = "validate-file";
    public const string LoadToStaging = "load-to-staging";
    public const string LoadStatus = "load-status";
    public const string ArchiveFile = "archive-file";
    public const string DropStatus = "drop-status";
    public const string Notify = "notify";
    public const string PublishDrop = "publish-drop";

    public const string Raw = BucketLayout.Raw + "*";
    public const string Processed = BucketLayout.Processed + "*";
    public const string Errors = BucketLayout.Errors + "*";

    /// <summary>One spec per step of the contract, in its order, with the contract's placeholder. A step the contract
    /// has and this table does not (or the other way round) stops the synthesis, naming it.</summary>
    public static IReadOnlyList<StepSpec> For(ConcurrencySettings concurrency, StepContract contract)
    {
        var specs = Specs(concurrency).ToDictionary(s => s.Handler, StringComparer.Ordinal);
        var unsized = contract.Steps.Select(s => s.Handler).Where(h => !specs.ContainsKey(h)).ToList();
        if (unsized.Count > 0)
            throw new InvalidOperationException($"statemachine/{StepContract.FileName} has step(s) {string.Join(", ", unsized)} that StepCatalog gives no size or permissions");
        var unknown = specs.Keys.Where(h => contract.Steps.All(s => s.Handler != h)).ToList();
        if (unknown.Count > 0)
            throw new InvalidOperationException($"StepCatalog has step(s) {string.Join(", ", unknown)} that statemachine/{StepContract.FileName} lacks");
        return contract.Steps.Select(s => specs[s.Handler] with { Placeholder = s.Placeholder }).ToList();
    }

    private static IReadOnlyList<StepSpec> Specs(ConcurrencySettings concurrency) =>
    [
        new()
        {
            Handler = RouteFile,
            Description = "File name -> staging table, drop id and part; for a copy (a replay), the identity it was loaded under.",
            MemoryMb = 256,
            TimeoutSeconds = 30,
            // The event carries the key. A file S3 made by a copy (a replay) gets one HEAD (s3:GetObject: S3 API Reference,
            // "HeadObject") for the origin version its user metadata records, which the ledger keys on; ListBucket so a key
            // archived meanwhile (a duplicate event) answers 404, not 403.
            Objects = [ObjectAccess.On(Raw, "s3:GetObject")],
            ListsBucket = true,
        },
        new()
        {
            Handler = ValidateFile,
            Description = "Header, encoding, delimiter and quoting from a ranged read of the file's first bytes.",
            TimeoutSeconds = 120,
            // GetObjectVersion: the step reads the version the event (and the ledger) names, not whatever the key holds now.
            Objects = [ObjectAccess.On(Raw, "s3:GetObject", "s3:GetObjectVersion")],
            DataKey = KmsUse.Decrypt,
            // The ledger: a version gone because another execution of the same file loaded and archived it is
            // already_loaded, and this execution yields (ArchivedVersion).
            Secrets = StepSecrets.SnowflakeKey,
        },
        new()
        {
            Handler = LoadToStaging,
            Description = "COPY of one file into its staging table with its ledger row, exactly once.",
            MemoryMb = 1024,
            TimeoutSeconds = 900,
            ReservedConcurrency = concurrency.LoadToStaging,
            // The whole file is read against the contract before Snowflake's COPY (which reads it through the stage),
            // at the version the ledger names (GetObjectVersion).
            Objects = [ObjectAccess.On(Raw, "s3:GetObject", "s3:GetObjectVersion")],
            DataKey = KmsUse.Decrypt,
            Secrets = StepSecrets.SnowflakeKey,
        },
        new()
        {
            Handler = LoadStatus,
            Description = "Check Load: has the warehouse's running COPY finished? Finishes it (checks, ledger, insert) when it has.",
            TimeoutSeconds = 900,
            ReservedConcurrency = concurrency.LoadStatus,
            // The warehouse, and the file's header: a contract with extra_columns: ignore maps its columns from it
            // (at the version the ledger names).
            Objects = [ObjectAccess.On(Raw, "s3:GetObject", "s3:GetObjectVersion")],
            DataKey = KmsUse.Decrypt,
            Secrets = StepSecrets.SnowflakeKey,
        },
        new()
        {
            Handler = ArchiveFile,
            Description = "raw_files/ -> processed/<drop>/, or error_files/<drop>/ with <name>.error.json; records refusals.",
            // A source uploaded in parts usually carries a composite checksum, which no copy can be compared with: the move
            // then reads the named version once to compute its full-object CRC64NVME. One full vCPU (1,769 MB: "Configuring
            // Lambda function memory") and the longest timeout keep that read within reach for multi-GB extracts.
            TimeoutSeconds = 900,
            MemoryMb = 1769,
            Objects =
            [
                // The move: a copy of the exact version (GetObjectVersion), then the delete of that same version
                // (DeleteObjectVersion), so a newer upload under the same key is never the one removed.
                ObjectAccess.On(Raw, "s3:GetObject", "s3:GetObjectVersion", "s3:DeleteObject", "s3:DeleteObjectVersion"),
                // HEAD of the target (GetObject), the copy or report (PutObject), a failed multipart copy's cleanup.
                ObjectAccess.On(Processed, "s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload"),
                ObjectAccess.On(Errors, "s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload"),
            ],
            ListsBucket = true, // "is the target key free?" needs a 404, not a 403
            DataKey = KmsUse.Decrypt | KmsUse.GenerateDataKey,
            Secrets = StepSecrets.SnowflakeKey, // audit.file_rejections
        },
        new()
        {
            Handler = DropStatus,
            Description = "Is the drop complete? The manifest in processed/<drop>/ against the load ledger.",
            TimeoutSeconds = 120,
            // GetObjectVersion: the manifest is read at the version its HEAD named, not whatever the key holds a moment later.
            Objects = [ObjectAccess.On(Processed, "s3:GetObject", "s3:GetObjectVersion")],
            ListsBucket = true, // a drop without a manifest: its HEAD must answer 404
            DataKey = KmsUse.Decrypt,
            Secrets = StepSecrets.SnowflakeKey,
        },
        new()
        {
            Handler = Notify,
            Description = "Slack alerts and the drop digest: counts, names and positions, never a value.",
            MemoryMb = 256,
            TimeoutSeconds = 120,
            // The webhook URL, and the warehouse's audit.alert_window that groups rejections per drop.
            Secrets = StepSecrets.SlackWebhook | StepSecrets.SnowflakeKey,
        },
        new()
        {
            Handler = PublishDrop,
            Description = "Models, checks and reconciliation in a build schema; swapped in as analytics when clean.",
            MemoryMb = 1024,
            TimeoutSeconds = 900,
            ReservedConcurrency = concurrency.PublishDrop,
            Secrets = StepSecrets.SnowflakeKey,
        },
    ];
}
