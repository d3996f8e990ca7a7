namespace HealthDw.Warehouse.Snowflake.Doctor;

/// <summary>The configured stage (<c>@db.schema.stage</c>, or <c>@schema.stage</c> in the configured database) resolved, and
/// what SHOW STAGES says of it.</summary>
internal sealed record SnowflakeStage(DoctorIdentifier Database, DoctorIdentifier Schema, DoctorIdentifier Stage)
{
    public string Qualified => $"{Database.Sql}.{Schema.Sql}.{Stage.Sql}";

    public string ShowSql => $"show stages like '{SnowflakeCatalog.Like(Stage)}' in schema {Database.Sql}.{Schema.Sql}";

    public static SnowflakeStage Parse(SnowflakeDoctorSettings settings)
    {
        var parts = DoctorIdentifier.ParseQualified(settings.Stage.TrimStart('@'), "the stage");
        return parts.Count switch
        {
            3 => new SnowflakeStage(parts[0], parts[1], parts[2]),
            2 => new SnowflakeStage(DoctorIdentifier.Parse(settings.Database, "the database"), parts[0], parts[1]),
            _ => throw new ArgumentException($"the stage '{settings.Stage}' is not @database.schema.stage", nameof(settings)),
        };
    }

    /// <summary>The stage's row of SHOW STAGES, matched exactly; null when there is none.</summary>
    public async Task<IReadOnlyDictionary<string, string?>?> ShowAsync(SnowflakeCatalog catalog, CancellationToken ct) =>
        (await catalog.RowsAsync(ShowSql, ct)).FirstOrDefault(r => r.GetValueOrDefault("name") == Stage.Name);

    /// <summary>S3 URLs of the bucket's root, with and without the trailing slash.</summary>
    public static bool IsBucketRoot(string? url, string bucket) => url is not null && url.TrimEnd('/') == $"s3://{bucket}";
}
