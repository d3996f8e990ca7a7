using Amazon.Runtime;
using Amazon.S3;
using HealthDw.Core.Doctor;

namespace HealthDw.Storage.S3;

/// <summary>
/// The drop bucket answers and sends its events to EventBridge: GetBucketNotificationConfiguration returns an
/// <c>EventBridgeConfiguration</c> element (S3 API Reference, "NotificationConfiguration": present when delivery to
/// EventBridge is on; an empty configuration means notifications are off). Without it no upload starts ingest-file.
/// </summary>
public sealed class S3BucketCheck(IAmazonS3 s3, string bucket) : IDoctorCheck
{
    public const string CheckName = "bucket";

    public string Name => CheckName;

    public IReadOnlyList<string> Needs => [];

    public async Task<DoctorFinding> RunAsync(CancellationToken ct)
    {
        try
        {
            var notification = await s3.GetBucketNotificationAsync(bucket, ct);
            if (notification.EventBridgeConfiguration is null)
                return DoctorFinding.Fail(Name, $"s3://{bucket} does not send its events to EventBridge, so no upload starts ingest-file",
                    "deploy the stack again (it sets NotificationConfiguration.EventBridgeConfiguration on the bucket), or turn on "
                    + "\"Send notifications to Amazon EventBridge\" in the bucket's properties");
            return DoctorFinding.Ok(Name, $"s3://{bucket} answers and sends its events to EventBridge");
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucket")
        {
            return DoctorFinding.Fail(Name, $"there is no bucket {bucket}", "use the stack's DataBucketName output (cdk deploy --outputs-file) or set HEALTHDW_BUCKET");
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "AccessDenied" || e.StatusCode == System.Net.HttpStatusCode.Forbidden)
        {
            return DoctorFinding.Fail(Name, $"access to s3://{bucket} denied (GetBucketNotification)",
                "run the doctor with AWS credentials that may s3:GetBucketNotification, s3:PutObject, s3:GetObject and s3:DeleteObject on the bucket");
        }
        catch (Exception e) when (e is AmazonServiceException or HttpRequestException)
        {
            var code = (e as AmazonServiceException)?.ErrorCode is { Length: > 0 } c ? $" {c}" : "";
            return DoctorFinding.Fail(Name, $"S3 did not answer GetBucketNotificationConfiguration for {bucket} ({e.GetType().Name}{code})",
                "check AWS_REGION, the AWS credentials and the network");
        }
    }
}
