namespace HealthDw.Core.Ports;

/// <summary>
/// The version a step was given cannot be read as that version: the key was overwritten (a folder bucket or an
/// unversioned one keeps only the newest content), that version was deleted, or the reader can read only the key's
/// current version (Snowflake's COPY) and a newer one is current now. The step must not go on with
/// whatever the key holds now; the newer version has its own event and its own execution. No retry helps.
/// </summary>
public sealed class ObjectVersionGoneException(ObjectRef version, string detail)
    : FileNotFoundException(
        $"version {version.VersionToken} of '{version.Key}' in bucket '{version.Bucket}' cannot be read as that version ({detail}); "
        + "the key's newer content is left to its own execution", version.Key)
{
    public ObjectRef Version { get; } = version;
}
