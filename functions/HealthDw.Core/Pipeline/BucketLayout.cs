namespace HealthDw.Core.Pipeline;

/// <summary>
/// Where a file is in the drop bucket, the one place its keys are built. A file lands in <c>raw_files/&lt;name&gt;</c>;
/// Archive File moves it to <c>processed/&lt;drop&gt;/&lt;name&gt;</c> once loaded, or to
/// <c>error_files/&lt;drop&gt;/&lt;name&gt;</c> with its report <c>&lt;name&gt;.error.json</c> beside it when refused
/// (<c>unrouted</c> for the drop of a file no route claimed). When an earlier, different version sits at that key, the file
/// goes one folder down, named by its version token. A drop's manifest is archived like any other file, so the drop's
/// status reads it from <c>processed/&lt;drop&gt;/_manifest_&lt;drop&gt;.json</c>.
/// statemachine/steps.json writes the same layout down for the CDK app; a test holds the two equal.
/// </summary>
public static class BucketLayout
{
    /// <summary>Where drops land (the vendor's uploads, the local <c>drop</c> and <c>watch</c>); an object created here
    /// starts an ingest-file execution.</summary>
    public const string Raw = "raw_files/";

    /// <summary>Loaded files (and manifests), by drop.</summary>
    public const string Processed = "processed/";

    /// <summary>Refused files and their reports, by drop.</summary>
    public const string Errors = "error_files/";

    /// <summary>The drop folder of a file whose drop is not known (no route matched its name).</summary>
    public const string UnroutedFolder = "unrouted";

    public const string ErrorReportSuffix = ".error.json";

    /// <summary>Every top-level prefix, by the name steps.json gives it.</summary>
    public static IReadOnlyDictionary<string, string> Prefixes { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["raw"] = Raw,
        ["processed"] = Processed,
        ["errors"] = Errors,
    };

    /// <summary>Where a file named <paramref name="fileName"/> lands (and where a replay puts it back).</summary>
    public static string RawKey(string fileName) => Raw + fileName;

    /// <summary>The folder name a drop's archived files are under; <see cref="UnroutedFolder"/> for no drop.</summary>
    public static string DropFolder(string? dropId) => dropId ?? UnroutedFolder;

    /// <summary><c>processed/&lt;drop&gt;/</c>.</summary>
    public static string ProcessedFolder(string? dropId) => $"{Processed}{DropFolder(dropId)}/";

    /// <summary><c>error_files/&lt;drop&gt;/</c>.</summary>
    public static string ErrorFolder(string? dropId) => $"{Errors}{DropFolder(dropId)}/";

    public static string ProcessedKey(string? dropId, string fileName) => ProcessedFolder(dropId) + fileName;

    public static string ErrorKey(string? dropId, string fileName) => ErrorFolder(dropId) + fileName;

    /// <summary>The refusal report beside a refused file's key.</summary>
    public static string ReportKey(string errorKey) => errorKey + ErrorReportSuffix;

    /// <summary>An archive key taken by an earlier, different version: the same name one folder down, named by the
    /// version token's first 12 letters and digits (<c>processed/&lt;drop&gt;/&lt;token&gt;/&lt;name&gt;</c>).</summary>
    public static string KeyBesideEarlierVersion(string key, string versionToken)
    {
        var slash = key.LastIndexOf('/');
        var token = new string(versionToken.Where(char.IsLetterOrDigit).Take(12).ToArray());
        return $"{key[..slash]}/{token}/{key[(slash + 1)..]}";
    }

    /// <summary>The last segment of a key: the file's name wherever it is archived.</summary>
    public static string FileNameOf(string key) => key[(key.LastIndexOf('/') + 1)..];

    /// <summary>The vendor's control file for a drop: <c>_manifest_&lt;drop&gt;.json</c>.</summary>
    public static string ManifestFileName(string dropId) => $"_manifest_{dropId}.json";

    /// <summary>Where a drop's manifest is once archived, and where the drop's status looks for it.</summary>
    public static string ManifestKey(string dropId) => ProcessedKey(dropId, ManifestFileName(dropId));
}
