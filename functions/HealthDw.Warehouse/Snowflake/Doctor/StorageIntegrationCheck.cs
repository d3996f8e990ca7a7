using HealthDw.Core.Doctor;

namespace HealthDw.Warehouse.Snowflake.Doctor;

/// <summary>
/// The stage's storage integration assumes the stack's IAM role: DESC INTEGRATION's <c>STORAGE_AWS_ROLE_ARN</c> is the
/// stack's <c>SnowflakeStorageRoleArn</c>, the integration is enabled and its allowed locations include the bucket. Run in
/// the pipeline's session, so the role needs USAGE on the integration (setup.sql step 8 grants it for this check).
/// </summary>
internal sealed class StorageIntegrationCheck(SnowflakeCatalog session, SnowflakeDoctorSettings settings) : IDoctorCheck
{
    public string Name => "storage integration";

    public IReadOnlyList<string> Needs => [SnowflakeStageCheck.CheckName, SnowflakeSessionCheck.CheckName];

    public async Task<DoctorFinding> RunAsync(CancellationToken ct)
    {
        var stage = SnowflakeStage.Parse(settings);
        var row = await stage.ShowAsync(session, ct);
        if (row?.GetValueOrDefault("storage_integration") is not { Length: > 0 } integration)
            return DoctorFinding.Fail(Name, $"stage {stage.Qualified} has no storage integration",
                "re-create the stage with storage_integration = healthdw_s3 (setup.sql step 8): the pipeline stores no AWS key in Snowflake");

        // SHOW lists the name as stored: quoted, it is read back exactly (Sql writes it bare when that resolves the same).
        var name = SnowflakeIdentifier.Parse("\"" + integration.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"", "the integration");
        IReadOnlyList<IReadOnlyDictionary<string, string?>> properties;
        try
        {
            properties = await session.RowsAsync($"desc integration {name.Sql}", ct);
        }
        catch (SnowflakeSqlException e) when (e.Code == "003001")
        {
            return DoctorFinding.Fail(Name, $"the pipeline's role may not describe integration {name.Name}",
                $"grant usage on integration {name.Sql} to role {settings.Role} (setup.sql step 8), so its STORAGE_AWS_ROLE_ARN can be read");
        }

        string? Property(string property) =>
            properties.FirstOrDefault(p => string.Equals(p.GetValueOrDefault("property"), property, StringComparison.OrdinalIgnoreCase))?.GetValueOrDefault("property_value");

        var roleArn = Property("STORAGE_AWS_ROLE_ARN");
        if (settings.StorageRoleArn is null)
            return DoctorFinding.Fail(Name, $"integration {name.Name} assumes {roleArn}; the stack's role is not known here",
                "pass the stack outputs (cdk deploy --outputs-file) or set HEALTHDW_SNOWFLAKE_STORAGE_ROLE_ARN to the SnowflakeStorageRoleArn output");
        if (!string.Equals(roleArn, settings.StorageRoleArn, StringComparison.Ordinal))
            return DoctorFinding.Fail(Name, $"integration {name.Name} assumes {roleArn ?? "no role"}, not the stack's {settings.StorageRoleArn}",
                $"alter storage integration {name.Sql} set storage_aws_role_arn = '{settings.StorageRoleArn}', then put DESC INTEGRATION's STORAGE_AWS_IAM_USER_ARN and STORAGE_AWS_EXTERNAL_ID in the stack (infra-cdk README, step 5)");
        if (!string.Equals(Property("ENABLED"), "true", StringComparison.OrdinalIgnoreCase))
            return DoctorFinding.Fail(Name, $"integration {name.Name} is disabled", $"alter storage integration {name.Sql} set enabled = true");
        var allowed = (Property("STORAGE_ALLOWED_LOCATIONS") ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (!allowed.Any(l => l == "*" || SnowflakeStage.IsBucketRoot(l, settings.Bucket)))
            return DoctorFinding.Fail(Name, $"integration {name.Name} does not allow s3://{settings.Bucket}/",
                $"alter storage integration {name.Sql} set storage_allowed_locations = ('s3://{settings.Bucket}/')");
        return DoctorFinding.Ok(Name, $"{name.Name} (enabled, allows s3://{settings.Bucket}/) assumes {roleArn}");
    }
}
