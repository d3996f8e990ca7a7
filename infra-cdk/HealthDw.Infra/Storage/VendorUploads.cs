using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.KMS;
using HealthDw.Infra.Steps;

namespace HealthDw.Infra.Storage;

/// <summary>
/// Who may put files into the drop bucket, and with which key. The vendor's uploader (an IAM principal given as
/// the stack parameter <c>VendorUploaderArn</c>) may PutObject under raw_files/ and nothing else, and may use the
/// data key for it only through S3. Every upload that names another key, or an encryption without the data key,
/// is denied whoever sends it: an object under aws/s3 or SSE-S3 could not be read by the steps' Decrypt grant,
/// and would sit outside the key's audit trail.
/// Until the parameter is set, the vendor statements are not in the policies at all (condition
/// <c>VendorUploaderGiven</c>).
/// </summary>
public sealed class VendorUploads
{
    public const string ParameterName = "VendorUploaderArn";

    public VendorUploads(Stack scope, DataStorage storage)
    {
        UploaderArn = new CfnParameter(scope, ParameterName, new CfnParameterProps
        {
            Type = "String",
            Default = "",
            // A user or role, never an account root: the Deny statements name this principal, and naming this
            // account's root there would deny every role of the stack.
            AllowedPattern = @"^$|^arn:aws[a-z-]*:iam::\d{12}:(user|role)/\S+$",
            ConstraintDescription = "an IAM user or role ARN (arn:aws:iam::<account>:role/<name>), or empty",
            Description = "The IAM user or role of the vendor that uploads drops to raw_files/ (empty: no vendor upload)",
        });
        Given = new CfnCondition(scope, "VendorUploaderGiven", new CfnConditionProps
        {
            Expression = Fn.ConditionNot(Fn.ConditionEquals(UploaderArn.ValueAsString, "")),
        });

        var bucket = storage.DataBucket;
        var key = storage.DataKey;
        var anyObject = bucket.ArnForObjects("*");

        // S3 API Reference, PutObject: with x-amz-server-side-encryption aws:kms and no key id, S3 uses the AWS
        // managed key aws/s3, not the bucket's default key. So an upload may send no encryption header (the bucket
        // default, the data key, applies) or the data key's ARN, and nothing else.
        bucket.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "DenyUploadsUnderAnotherKey",
            Effect = Effect.DENY,
            Principals = [new AnyPrincipal()],
            Actions = ["s3:PutObject"],
            Resources = [anyObject],
            Conditions = new Dictionary<string, object>
            {
                ["StringNotEqualsIfExists"] = new Dictionary<string, object> { ["s3:x-amz-server-side-encryption-aws-kms-key-id"] = key.KeyArn },
            },
        }));
        bucket.AddToResourcePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Sid = "DenyUploadsEncryptedWithoutTheDataKey",
            Effect = Effect.DENY,
            Principals = [new AnyPrincipal()],
            Actions = ["s3:PutObject"],
            Resources = [anyObject],
            Conditions = new Dictionary<string, object>
            {
                ["Null"] = new Dictionary<string, object>
                {
                    ["s3:x-amz-server-side-encryption"] = "false",
                    ["s3:x-amz-server-side-encryption-aws-kms-key-id"] = "true",
                },
            },
        }));

        var vendor = new Dictionary<string, object> { ["AWS"] = UploaderArn.ValueAsString };
        var rawFiles = bucket.ArnForObjects(StepCatalog.Raw);
        var bucketPolicy = bucket.Policy!;
        AddWhenGiven((CfnResource)bucketPolicy.Node.DefaultChild!, "PolicyDocument", bucketPolicy.Document.StatementCount,
        [
            // Multipart uploads (CreateMultipartUpload, UploadPart, CompleteMultipartUpload) are s3:PutObject too.
            Statement("VendorUploadsToRawFiles", "Allow", vendor, ("Action", ["s3:PutObject"]), ("Resource", [rawFiles])),
            // Even if the vendor's own account grants more (or the principal is in this account).
            Statement("DenyVendorAnythingButUploads", "Deny", vendor, ("NotAction", ["s3:PutObject"]), ("Resource", [bucket.BucketArn, anyObject])),
            Statement("DenyVendorUploadsOutsideRawFiles", "Deny", vendor, ("Action", ["s3:PutObject"]), ("NotResource", [rawFiles])),
        ]);

        // S3 User Guide, "Multipart upload API and permissions": an SSE-KMS upload needs kms:GenerateDataKey, and a
        // multipart one kms:Decrypt as well. A key policy statement is needed whatever the vendor's account grants.
        var keyPolicy = ((CfnKey)key.Node.DefaultChild!).KeyPolicy as PolicyDocument
            ?? throw new InvalidOperationException("the data key has no policy document");
        var viaS3 = new Dictionary<string, object>
        {
            ["StringEquals"] = new Dictionary<string, object> { ["kms:ViaService"] = $"s3.{scope.Region}.amazonaws.com" },
        };
        AddWhenGiven((CfnResource)key.Node.DefaultChild!, "KeyPolicy", keyPolicy.StatementCount,
        [
            // In a key policy, the resource "*" is this key.
            Statement("VendorUploadsThroughS3", "Allow", vendor, ("Action", ["kms:GenerateDataKey", "kms:Decrypt"]), ("Resource", ["*"]), viaS3),
        ]);
    }

    public CfnParameter UploaderArn { get; }

    /// <summary>True once <c>VendorUploaderArn</c> is set.</summary>
    public CfnCondition Given { get; }

    /// <summary>
    /// Appends statements that exist only when the parameter is set: each one becomes
    /// <c>Fn::If [VendorUploaderGiven, statement, AWS::NoValue]</c> in the rendered document, since a statement with an
    /// empty principal would make the whole policy invalid. They go after the <paramref name="existing"/> statements.
    /// </summary>
    private void AddWhenGiven(CfnResource resource, string property, double existing, IReadOnlyList<Dictionary<string, object>> statements)
    {
        var index = (int)existing;
        foreach (var statement in statements)
        {
            // Written out: an Fn.ConditionIf token cannot be passed back to jsii as an override value.
            resource.AddPropertyOverride($"{property}.Statement.{index++}", new Dictionary<string, object>
            {
                ["Fn::If"] = new object[] { Given.LogicalId, statement, new Dictionary<string, object> { ["Ref"] = "AWS::NoValue" } },
            });
        }
    }

    /// <summary>A policy statement as CloudFormation JSON (a PolicyStatement's JSON cannot be handed back to jsii).</summary>
    private static Dictionary<string, object> Statement(string sid, string effect, object principal,
        (string Key, string[] Values) actions, (string Key, string[] Values) resources, Dictionary<string, object>? condition = null)
    {
        var statement = new Dictionary<string, object>
        {
            ["Sid"] = sid,
            ["Effect"] = effect,
            ["Principal"] = principal,
            [actions.Key] = actions.Values.Cast<object>().ToArray(),
            [resources.Key] = resources.Values.Cast<object>().ToArray(),
        };
        if (condition is not null) statement["Condition"] = condition;
        return statement;
    }
}
