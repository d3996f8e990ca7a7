namespace HealthDw.Infra.Steps;

/// <summary>S3 object actions a step may take under one key prefix of the data bucket.</summary>
public sealed record ObjectAccess(string KeyPattern, IReadOnlyList<string> Actions)
{
    /// <summary>raw_files/* → RawFiles: statement ids.</summary>
    public string FolderName => string.Concat(KeyPattern.Split('/')[0].Split('_').Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    public static ObjectAccess On(string keyPattern, params string[] actions) => new(keyPattern, actions);
}
