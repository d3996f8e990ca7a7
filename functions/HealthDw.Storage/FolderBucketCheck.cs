using HealthDw.Core.Doctor;
using HealthDw.Core.Pipeline;

namespace HealthDw.Storage;

/// <summary>
/// The local bucket: its folder and the three prefixes the workflow writes (<c>raw_files/</c>, <c>processed/</c>,
/// <c>error_files/</c>) exist or can be made, and a file can be written and removed in each. The probe file is hidden
/// (a leading dot), so a running <c>healthdw watch</c> ignores it as routes.yml ignores every hidden file.
/// </summary>
public sealed class FolderBucketCheck(string folder) : IDoctorCheck
{
    public const string CheckName = "bucket";

    public string Name => CheckName;

    public IReadOnlyList<string> Needs => [];

    public Task<DoctorFinding> RunAsync(CancellationToken ct)
    {
        if (File.Exists(folder))
            return Task.FromResult(DoctorFinding.Fail(Name, $"{folder} is a file, not a folder",
                "move that file away, or set HEALTHDW_BUCKET to a folder"));
        foreach (var prefix in BucketLayout.Prefixes.Values)
        {
            var path = Path.Combine(folder, prefix.TrimEnd('/'));
            var probe = Path.Combine(path, $".healthdw-doctor-{Guid.NewGuid():N}");
            try
            {
                Directory.CreateDirectory(path);
                File.WriteAllBytes(probe, [1]);
                File.Delete(probe);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Task.FromResult(DoctorFinding.Fail(Name, $"cannot write in {path} ({e.GetType().Name})",
                    $"let user {Environment.UserName} write in {folder} (or set HEALTHDW_BUCKET to a folder it can write)"));
            }
        }

        return Task.FromResult(DoctorFinding.Ok(Name, $"{folder}: {BucketLayout.Raw}, {BucketLayout.Processed} and {BucketLayout.Errors} are writable"));
    }
}
