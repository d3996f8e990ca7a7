namespace HealthDw.Warehouse.Snowflake;

/// <summary>
/// A named external stage as configured (<c>@healthdw.staging.raw_stage</c>, or <c>@staging.raw_stage</c> in the request's
/// database), each part read by <see cref="SnowflakeIdentifier"/>: what the COPY reads <c>FROM</c>.
/// </summary>
public sealed class SnowflakeStageName
{
    private SnowflakeStageName(IReadOnlyList<SnowflakeIdentifier> parts) => Parts = parts;

    /// <summary>[database,] schema, stage.</summary>
    public IReadOnlyList<SnowflakeIdentifier> Parts { get; }

    public SnowflakeIdentifier? Database => Parts.Count == 3 ? Parts[0] : null;

    public SnowflakeIdentifier Schema => Parts[^2];

    public SnowflakeIdentifier Stage => Parts[^1];

    /// <summary>The stage for SQL text (<c>@healthdw.staging.raw_stage</c>; a quoted part stays quoted).</summary>
    public string Sql => "@" + string.Join('.', Parts.Select(p => p.Sql));

    /// <exception cref="ArgumentException">Not <c>@[database.]schema.stage</c> of legal identifiers.</exception>
    public static SnowflakeStageName Parse(string configured)
    {
        ArgumentNullException.ThrowIfNull(configured);
        var text = configured.Trim();
        if (!text.StartsWith('@'))
            throw new ArgumentException($"the stage must be written @[<database>.]<schema>.<stage>, not '{configured}'", nameof(configured));
        var parts = SnowflakeIdentifier.ParseQualified(text[1..], "the stage");
        return parts.Count is 2 or 3
            ? new SnowflakeStageName(parts)
            : throw new ArgumentException($"the stage must be written @[<database>.]<schema>.<stage>, not '{configured}'", nameof(configured));
    }

    public override string ToString() => Sql;
}
