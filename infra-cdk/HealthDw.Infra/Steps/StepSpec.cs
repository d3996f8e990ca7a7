namespace HealthDw.Infra.Steps;

/// <summary>
/// One Lambda step: the handler name (<c>_HANDLER</c>, one of the bootstrap's step names), its size,
/// and everything it may touch. The function's role is built from this and nothing else.
/// </summary>
public sealed record StepSpec
{
    public required string Handler { get; init; }

    public required string Description { get; init; }

    public int MemoryMb { get; init; } = 512;

    public int TimeoutSeconds { get; init; } = 60;

    /// <summary>Reserved concurrency; null for none (the account's shared pool).</summary>
    public int? ReservedConcurrency { get; init; }

    /// <summary>Object actions per key prefix of the data bucket.</summary>
    public IReadOnlyList<ObjectAccess> Objects { get; init; } = [];

    /// <summary>
    /// s3:ListBucket on the data bucket. Needed by a step that asks whether a key exists: S3 answers a
    /// HEAD of a missing key with 404 only to a caller that may list the bucket, and with 403 otherwise.
    /// </summary>
    public bool ListsBucket { get; init; }

    public KmsUse DataKey { get; init; }

    public StepSecrets Secrets { get; init; }

    /// <summary>True for the steps that run SQL: they get the Snowflake settings in their environment.</summary>
    public bool UsesWarehouse => Secrets.HasFlag(StepSecrets.SnowflakeKey);

    /// <summary>The PascalCase form (route-file → RouteFile): construct ids and ASL placeholder names.</summary>
    public string PascalName => string.Concat(Handler.Split('-').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    /// <summary>The <c>${…}</c> placeholder that stands for this function in the state-machine definitions: the step
    /// contract's, set by <see cref="StepCatalog.For"/>.</summary>
    public string Placeholder { get; init; } = "";
}
