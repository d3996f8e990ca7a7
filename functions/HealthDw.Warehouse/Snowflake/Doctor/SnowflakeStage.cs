namespace HealthDw.Warehouse.Snowflake.Doctor;

/// <summary>The configured stage (<c>@db.schema.stage</c>, or <c>@schema.stage</c> in the configured database) read by
/// <see cref="SnowflakeStageName"/> as the COPY reads it, and what SHOW STAGES says of it.</summary>
internal sealed record SnowflakeStage(SnowflakeIdentifier Database, SnowflakeIdentifier Schema, SnowflakeIdentifier Stage)
{
    public string Qualified => $"{Database.Sql}.{Schema.Sql}.{Stage.Sql}";

    public string ShowSql => $"show stages like '{SnowflakeCatalog.Like(Stage)}' in schema {Database.Sql}.{Schema.Sql}";

    /// <exception cref="ArgumentException">Not <c>@[database.]schema.stage</c> of legal identifiers.</exception>
    public static SnowflakeStage Parse(SnowflakeDoctorSettings settings)
    {
        var name = SnowflakeStageName.Parse(settings.Stage);
        return new SnowflakeStage(name.Database ?? SnowflakeIdentifier.Parse(settings.Database, "the database"), name.Schema, name.Stage);
    }

    /// <summary>The stage's row of SHOW STAGES, matched exactly; null when there is none.</summary>
    public async Task<IReadOnlyDictionary<string, string?>?> ShowAsync(SnowflakeCatalog catalog, CancellationToken ct) =>
        (await catalog.RowsAsync(ShowSql, ct)).FirstOrDefault(r => r.GetValueOrDefault("name") == Stage.Name);

    /// <summary>S3 URLs of the bucket's root, with and without the trailing slash.</summary>
    public static bool IsBucketRoot(string? url, string bucket) => url is not null && url.TrimEnd('/') == $"s3://{bucket}";
}
