namespace HealthDw.Warehouse.Snowflake.Doctor;

/// <summary>SHOW and DESCRIBE over the SQL API, read by column name (their columns are lower case): metadata only, never
/// a table's rows.</summary>
internal sealed class SnowflakeCatalog(SnowflakeSqlClient client)
{
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, string?>>> RowsAsync(string sql, CancellationToken ct)
    {
        var result = await client.ExecuteAsync(new SnowflakeStatement(sql), ct);
        return [.. result.Rows.Select(row => (IReadOnlyDictionary<string, string?>)result.Columns
            .Select((c, i) => (c.Name, Value: row[i]))
            .ToDictionary(p => p.Name.ToLowerInvariant(), p => p.Value, StringComparer.Ordinal))];
    }

    /// <summary>The <c>name</c> column of a SHOW.</summary>
    public async Task<IReadOnlyList<string>> NamesAsync(string sql, CancellationToken ct) =>
        [.. (await RowsAsync(sql, ct)).Select(r => r.GetValueOrDefault("name")).OfType<string>()];

    /// <summary>A SHOW's LIKE pattern for one name. LIKE matches without regard to case, so a name that differs only in case
    /// is listed too and the doctor can say so.</summary>
    public static string Like(SnowflakeIdentifier name) => name.Name.Replace("'", "''", StringComparison.Ordinal);
}
