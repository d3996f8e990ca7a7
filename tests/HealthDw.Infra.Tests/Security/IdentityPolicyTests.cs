using HealthDw.Infra.Tests.Support;

namespace HealthDw.Infra.Tests.Security;

/// <summary>
/// Every permission of every role in the dev stack, as a table a reviewer reads top to bottom:
/// role → "action on resource [when condition]". A role holding anything not listed here, or missing
/// anything listed, fails with the difference. Resource names are construct ids (DataBucket/raw_files/*).
/// </summary>
[Collection(InfraCollection.Name)]
public sealed class IdentityPolicyTests(SynthesizedApp app)
{
    private const string ViaS3 = " when StringEquals kms:ViaService=s3.us-east-1.amazonaws.com";

    /// <summary>Every step function: write its own log group, and X-Ray (which has no resource-level permissions, hence "*").</summary>
    private static string[] StepBasics(string step) =>
    [
        $"logs:CreateLogStream on {step}LogGroup",
        $"logs:PutLogEvents on {step}LogGroup",
        "xray:PutTraceSegments on *",
        "xray:PutTelemetryRecords on *",
    ];

    /// <summary>Every state machine: vended-log delivery to CloudWatch Logs and X-Ray; AWS offers no narrower resource for either.</summary>
    private static readonly string[] WorkflowBasics =
    [
        "logs:CreateLogDelivery on *", "logs:GetLogDelivery on *", "logs:UpdateLogDelivery on *", "logs:DeleteLogDelivery on *",
        "logs:ListLogDeliveries on *", "logs:PutResourcePolicy on *", "logs:DescribeResourcePolicies on *", "logs:DescribeLogGroups on *",
        "xray:PutTraceSegments on *", "xray:PutTelemetryRecords on *", "xray:GetSamplingRules on *", "xray:GetSamplingTargets on *",
    ];

    private static string[] Invoke(params string[] functions) =>
        [.. functions.SelectMany(f => new[] { $"lambda:InvokeFunction on {f}Function", $"lambda:InvokeFunction on {f}Function:*" })];

    private const string SnowflakeKey = "secretsmanager:GetSecretValue on SnowflakeKeySecret";
    private const string SlackWebhook = "secretsmanager:GetSecretValue on SlackWebhookSecret";

    public static readonly Dictionary<string, string[]> Expected = new()
    {
        // ── the step functions ──────────────────────────────────────────────────────────────────────
        ["RouteFileRole"] =
        [
            .. StepBasics("RouteFile"), // the event carries the key: no secret
            "s3:GetObject on DataBucket/raw_files/*", // HEAD of a copied file (a replay): the origin version in its user metadata
            "s3:ListBucket on DataBucket", // ... which answers 404, not 403, when the key was archived meanwhile
        ],
        ["ValidateFileRole"] =
        [
            .. StepBasics("ValidateFile"),
            "s3:GetObject on DataBucket/raw_files/*", // a ranged read of the first bytes
            "s3:GetObjectVersion on DataBucket/raw_files/*", // ... of the version the event names
            "kms:Decrypt on DataKey" + ViaS3,
            SnowflakeKey, // the ledger, when that version is gone: did another execution of the file load it?
        ],
        ["LoadToStagingRole"] =
        [
            .. StepBasics("LoadToStaging"),
            "s3:GetObject on DataBucket/raw_files/*", // the whole file read against its contract (the COPY reads it through the stage)
            "s3:GetObjectVersion on DataBucket/raw_files/*", // the version the ledger names, not what the key holds now
            "kms:Decrypt on DataKey" + ViaS3,
            SnowflakeKey,
        ],
        ["LoadStatusRole"] =
        [
            .. StepBasics("LoadStatus"),
            "s3:GetObject on DataBucket/raw_files/*", // the header, for a contract with extra_columns: ignore
            "s3:GetObjectVersion on DataBucket/raw_files/*", // the version the ledger names
            "kms:Decrypt on DataKey" + ViaS3,
            SnowflakeKey,
        ],
        ["ArchiveFileRole"] =
        [
            .. StepBasics("ArchiveFile"),
            "s3:GetObject on DataBucket/raw_files/*", "s3:GetObjectVersion on DataBucket/raw_files/*", "s3:DeleteObject on DataBucket/raw_files/*",
            "s3:DeleteObjectVersion on DataBucket/raw_files/*", // the exact version it archived, never a newer upload
            "s3:GetObject on DataBucket/processed/*", "s3:PutObject on DataBucket/processed/*", "s3:AbortMultipartUpload on DataBucket/processed/*",
            "s3:GetObject on DataBucket/error_files/*", "s3:PutObject on DataBucket/error_files/*", "s3:AbortMultipartUpload on DataBucket/error_files/*",
            "s3:ListBucket on DataBucket", // HEAD of a free target key must answer 404, not 403
            "kms:Decrypt on DataKey" + ViaS3, "kms:GenerateDataKey on DataKey" + ViaS3,
            SnowflakeKey, // audit.file_rejections
        ],
        ["DropStatusRole"] =
        [
            .. StepBasics("DropStatus"),
            "s3:GetObject on DataBucket/processed/*", // the drop's manifest
            "s3:GetObjectVersion on DataBucket/processed/*", // ... read at the version its HEAD named
            "s3:ListBucket on DataBucket", // a drop without a manifest: its HEAD must answer 404
            "kms:Decrypt on DataKey" + ViaS3,
            SnowflakeKey,
        ],
        ["NotifyRole"] = [.. StepBasics("Notify"), SlackWebhook, SnowflakeKey /* audit.alert_window */],
        ["PublishDropRole"] = [.. StepBasics("PublishDrop"), SnowflakeKey],

        // ── the workflows and what starts them ──────────────────────────────────────────────────────
        ["IngestFileWorkflowRole"] =
        [
            .. WorkflowBasics,
            .. Invoke("RouteFile", "ValidateFile", "LoadToStaging", "LoadStatus", "ArchiveFile", "DropStatus", "Notify"),
            "states:StartExecution on PublishDropWorkflow",
        ],
        ["PublishDropWorkflowRole"] = [.. WorkflowBasics, .. Invoke("DropStatus", "PublishDrop", "Notify")],
        ["IngestFileWorkflowEventsRole"] = ["states:StartExecution on IngestFileWorkflow"],

        // ── Snowflake's storage integration: nothing until SnowflakePrincipalArn is set ───────────────
        ["SnowflakeStorageRole"] =
        [
            "s3:GetObject on DataBucket/raw_files/* if SnowflakePrincipalGiven", "s3:GetObjectVersion on DataBucket/raw_files/* if SnowflakePrincipalGiven",
            "s3:ListBucket on DataBucket when StringLike s3:prefix=[raw_files/*] if SnowflakePrincipalGiven",
            "s3:GetBucketLocation on DataBucket if SnowflakePrincipalGiven",
            "kms:Decrypt on DataKey" + ViaS3 + " if SnowflakePrincipalGiven",
        ],
    };

    public static TheoryData<string> Roles => new(Expected.Keys);

    /// <summary>Actions allowed on "*" because the service has no narrower resource for them.</summary>
    private static readonly HashSet<string> AllowedOnEverything =
    [
        "xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets",
        "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery", "logs:ListLogDeliveries",
        "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups",
    ];

    private IReadOnlyList<Permission> Permissions => IamPolicies.Of(app.Dev);

    [Fact]
    public void Stack_WhenSynthesized_ShouldHaveExactlyTheRolesInTheTable()
    {
        IamPolicies.Roles(app.Dev).Should().BeEquivalentTo(Expected.Keys);
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public void Role_WhenItsPoliciesAreRead_ShouldAllowExactlyWhatTheTableLists(string role)
    {
        var actual = Permissions.Where(p => p.Principal == role).ToList();
        actual.Should().OnlyContain(p => p.Effect == "Allow");
        var have = actual.Select(p => p.Text).ToHashSet();
        var want = Expected[role].ToHashSet();
        var extra = have.Except(want).Order().ToList();
        var missing = want.Except(have).Order().ToList();
        (extra.Count + missing.Count).Should().Be(0,
            $"{role} should hold exactly its table row.\n  not in the table (remove, or add with a reason): {Listed(extra)}\n  in the table but not granted: {Listed(missing)}");
    }

    [Theory]
    [InlineData("raw_files/*", "ArchiveFileRole,LoadStatusRole,LoadToStagingRole,RouteFileRole,SnowflakeStorageRole,ValidateFileRole")] // route-file: a HEAD of copies only
    [InlineData("processed/*", "ArchiveFileRole,DropStatusRole")]
    [InlineData("error_files/*", "ArchiveFileRole")]
    public void Prefix_WhenRead_ShouldBeReadableOnlyByTheseRoles(string prefix, string readers)
    {
        Permissions.Where(p => p.Action == "s3:GetObject" && p.Resource == "DataBucket/" + prefix)
            .Select(p => p.Principal).Order().Should().Equal(readers.Split(','));
    }

    /// <summary>
    /// S3 User Guide, "Retrieving object versions from a versioning-enabled bucket": a GET with a versionId needs
    /// s3:GetObjectVersion; s3:GetObject alone is refused. Every reader of raw_files/ reads the version the ledger
    /// names (issue 10 item 3), and drop-status reads the manifest in processed/ at the version its HEAD named, so
    /// each of them must hold both.
    /// </summary>
    [Theory]
    [InlineData("raw_files/*", "ArchiveFileRole,LoadStatusRole,LoadToStagingRole,SnowflakeStorageRole,ValidateFileRole")]
    [InlineData("processed/*", "DropStatusRole")] // the manifest; archive only HEADs and writes there
    public void Prefix_WhenReadByVersion_ShouldGrantGetObjectVersionToEveryVersionedReader(string prefix, string readers)
    {
        Permissions.Where(p => p.Action == "s3:GetObjectVersion" && p.Resource == "DataBucket/" + prefix)
            .Select(p => p.Principal).Order().Should().Equal(readers.Split(','));
    }

    [Fact]
    public void SnowflakeStorageRole_WhenItsPrincipalIsNotSet_ShouldHaveNoPolicyAtAll()
    {
        var policies = app.Dev.OfType("AWS::IAM::Policy").Values
            .Where(p => p["Properties"]!["Roles"]!.AsArray().Any(r => CfnText.Friendly(r!["Ref"]!.GetValue<string>(), app.Dev.Resources) == "SnowflakeStorageRole"))
            .ToList();
        policies.Should().NotBeEmpty();
        policies.Should().OnlyContain(p => p["Condition"] != null && p["Condition"]!.GetValue<string>() == "SnowflakePrincipalGiven");
        app.Dev.Template.HasCondition("SnowflakePrincipalGiven", Json.Obj(("Fn::Not", Json.Arr(Json.Obj(("Condition", "SnowflakePrincipalPending"))))));
        app.Dev.Properties("AWS::IAM::Role", "SnowflakeStorageRole").ContainsKey("Policies").Should().BeFalse("no inline policy escapes the condition");
    }

    [Theory]
    [InlineData("s3:PutObject", "processed/*", "ArchiveFileRole")]
    [InlineData("s3:PutObject", "error_files/*", "ArchiveFileRole")]
    [InlineData("s3:PutObject", "raw_files/*", "")]
    [InlineData("s3:DeleteObject", "raw_files/*", "ArchiveFileRole")]
    [InlineData("s3:DeleteObject", "processed/*", "")]
    [InlineData("s3:DeleteObject", "error_files/*", "")]
    [InlineData("s3:DeleteObjectVersion", "raw_files/*", "ArchiveFileRole")]
    [InlineData("s3:DeleteObjectVersion", "processed/*", "")]
    [InlineData("s3:DeleteObjectVersion", "error_files/*", "")]
    public void Prefix_WhenWrittenOrDeleted_ShouldBeWritableOnlyByTheseRoles(string action, string prefix, string writers)
    {
        Permissions.Where(p => p.Action == action && p.Resource == "DataBucket/" + prefix)
            .Select(p => p.Principal).Order().Should().Equal(writers.Split(',', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("SnowflakeKeySecret", "ArchiveFileRole,DropStatusRole,LoadStatusRole,LoadToStagingRole,NotifyRole,PublishDropRole,ValidateFileRole")]
    [InlineData("SlackWebhookSecret", "NotifyRole")]
    public void Secret_WhenRead_ShouldBeReadableOnlyByTheseRoles(string secret, string readers)
    {
        Permissions.Where(p => p.Resource == secret).Should().OnlyContain(p => p.Action == "secretsmanager:GetSecretValue");
        Permissions.Where(p => p.Resource == secret).Select(p => p.Principal).Order().Should().Equal(readers.Split(','));
    }

    [Fact]
    public void Policies_WhenAllowing_ShouldNameNoWildcardAction()
    {
        Permissions.Where(p => p.Action.Contains('*', StringComparison.Ordinal)).Should().BeEmpty();
    }

    [Fact]
    public void Policies_WhenAllowingOnEveryResource_ShouldOnlyDoSoWhereAwsOffersNothingNarrower()
    {
        Permissions.Where(p => p.Resource == "*").Select(p => p.Action).Distinct().Should().BeSubsetOf(AllowedOnEverything);
    }

    [Fact]
    public void Policies_WhenNamingTheDataBucket_ShouldNameAPrefixNotEveryObject()
    {
        Permissions.Select(p => p.Resource).Where(r => r.StartsWith("DataBucket", StringComparison.Ordinal))
            .Should().OnlyContain(r => r == "DataBucket" || r == "DataBucket/raw_files/*" || r == "DataBucket/processed/*" || r == "DataBucket/error_files/*");
    }

    [Fact]
    public void DataKey_WhenUsedByARole_ShouldOnlyBeUsedThroughS3()
    {
        var viaS3 = ViaS3[" when ".Length..];
        Permissions.Where(p => p.Resource == "DataKey").Should().OnlyContain(p => p.Condition == viaS3);
    }

    private static string Listed(IReadOnlyList<string> items) => items.Count == 0 ? "(none)" : "\n    " + string.Join("\n    ", items);
}
