using Amazon.CDK;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.S3;
using HealthDw.Core.Pipeline;
using HealthDw.Infra.Configuration;

namespace HealthDw.Infra.Storage;

/// <summary>
/// The drop bucket (raw_files/, processed/, error_files/) under a customer-managed key, and the bucket
/// its server access logs go to. Both are retained when the stack is deleted: they hold PHI and evidence.
/// </summary>
public sealed class DataStorage
{
    public DataStorage(Stack scope, StageSettings stage)
    {
        var lifecycle = stage.Lifecycle;
        DataKey = new Key(scope, "DataKey", new KeyProps
        {
            Alias = $"alias/healthdw-{stage.Name}-data",
            Description = $"HealthDw {stage.Name}: the drop bucket's objects (EMR extracts, PHI)",
            EnableKeyRotation = true,
            RemovalPolicy = RemovalPolicy.RETAIN,
        });

        // Server access logs cannot be written to an SSE-KMS bucket: this one uses SSE-S3, and is not
        // logged itself (logging the log bucket would log its own writes).
        AccessLogBucket = new Bucket(scope, "AccessLogBucket", new BucketProps
        {
            Encryption = BucketEncryption.S3_MANAGED,
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            ObjectOwnership = ObjectOwnership.BUCKET_OWNER_ENFORCED,
            EnforceSSL = true,
            MinimumTLSVersion = 1.2,
            // Versioned, so a log that is overwritten or deleted (by mistake or to hide an access) stays
            // recoverable as a noncurrent version for noncurrentVersionExpirationDays.
            Versioned = true,
            RemovalPolicy = RemovalPolicy.RETAIN,
            LifecycleRules =
            [
                new LifecycleRule
                {
                    Id = "expire-access-logs",
                    Expiration = Duration.Days(lifecycle.AccessLogExpirationDays),
                    AbortIncompleteMultipartUploadAfter = Duration.Days(1),
                },
                new LifecycleRule
                {
                    // Expiring a current log in a versioned bucket leaves a noncurrent version and a delete marker.
                    Id = "expire-noncurrent-access-logs",
                    NoncurrentVersionExpiration = Duration.Days(lifecycle.NoncurrentVersionExpirationDays),
                    ExpiredObjectDeleteMarker = true,
                },
            ],
        });

        DataBucket = new Bucket(scope, "DataBucket", new BucketProps
        {
            Encryption = BucketEncryption.KMS,
            EncryptionKey = DataKey,
            BucketKeyEnabled = true, // one KMS data key per bucket and period, not per object
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            ObjectOwnership = ObjectOwnership.BUCKET_OWNER_ENFORCED,
            EnforceSSL = true,
            MinimumTLSVersion = 1.2,
            Versioned = true,
            ServerAccessLogsBucket = AccessLogBucket,
            ServerAccessLogsPrefix = "data-bucket/",
            RemovalPolicy = RemovalPolicy.RETAIN,
            LifecycleRules =
            [
                ArchiveRule(BucketLayout.Processed, lifecycle.TransitionDays, lifecycle.ProcessedExpirationDays),
                ArchiveRule(BucketLayout.Errors, lifecycle.TransitionDays, lifecycle.ErrorFilesExpirationDays),
                new LifecycleRule
                {
                    // Every move out of raw_files/ leaves a noncurrent version and a delete marker behind.
                    Id = "expire-noncurrent-versions",
                    NoncurrentVersionExpiration = Duration.Days(lifecycle.NoncurrentVersionExpirationDays),
                    ExpiredObjectDeleteMarker = true,
                    AbortIncompleteMultipartUploadAfter = Duration.Days(2),
                },
            ],
        });

        // "Object Created" events to EventBridge, set on the bucket itself. The L2 flag
        // (eventBridgeEnabled) does the same through a custom-resource Lambda whose role may call
        // s3:PutBucketNotification on every bucket ("*"); CloudFormation supports it natively.
        ((CfnBucket)DataBucket.Node.DefaultChild!).AddPropertyOverride(
            "NotificationConfiguration.EventBridgeConfiguration.EventBridgeEnabled", true);
    }

    public Key DataKey { get; }

    public Bucket DataBucket { get; }

    public Bucket AccessLogBucket { get; }

    private static LifecycleRule ArchiveRule(string prefix, int transitionDays, int expirationDays) => new()
    {
        Id = $"archive-{prefix.TrimEnd('/').Replace('_', '-')}",
        Prefix = prefix,
        Transitions = [new Transition { StorageClass = StorageClass.INFREQUENT_ACCESS, TransitionAfter = Duration.Days(transitionDays) }],
        Expiration = Duration.Days(expirationDays),
    };
}
