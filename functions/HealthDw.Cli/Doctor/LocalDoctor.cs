using HealthDw.Cli.Local;
using HealthDw.Core.Doctor;
using HealthDw.Hosting.Configuration;
using HealthDw.Storage;

namespace HealthDw.Cli.Doctor;

/// <summary>The checks of <c>healthdw doctor</c> on this machine: the configuration folder, the warehouse, the folder
/// bucket, and a canary through the local workflow.</summary>
public static class LocalDoctor
{
    public static IReadOnlyList<IDoctorCheck> Checks(LocalSettings settings)
    {
        var config = () => ConfigFolder.LoadAll(settings.ConfigFolder).Pipeline;
        return
        [
            new ConfigurationCheck(settings.ConfigFolder, config),
            new LocalWarehouseCheck(settings),
            new FolderBucketCheck(settings.BucketFolder),
            new LocalCanaryCheck(settings),
        ];
    }
}
