using HealthDw.Core.Configuration;
using HealthDw.Core.Routing;

namespace HealthDw.Core.Doctor;

/// <summary>
/// The configuration folder parses as every run reads it (routes, contracts, models, checks), and it still routes the
/// doctor's canary to its contract. A mistake is reported as the loader words it: file, line, column and what is wrong.
/// </summary>
/// <param name="load">Reads and parses the whole folder (models and checks included); throws <see cref="ConfigException"/>.</param>
public sealed class ConfigurationCheck(string folder, Func<PipelineConfig> load) : IDoctorCheck
{
    public const string CheckName = "configuration";

    public string Name => CheckName;

    public IReadOnlyList<string> Needs => [];

    public Task<DoctorFinding> RunAsync(CancellationToken ct)
    {
        PipelineConfig config;
        try
        {
            config = load();
        }
        catch (ConfigException e)
        {
            return Task.FromResult(DoctorFinding.Fail(Name, e.Message, $"fix {e.File} at line {e.Line}, column {e.Column}, then run healthdw doctor again"));
        }

        var sample = CanaryFile.For(DateTimeOffset.UnixEpoch, Guid.Empty);
        var decision = config.Routes.Resolve(sample.RawKey);
        if (decision.Kind != RouteKind.Routed || decision.Table != CanaryFile.Table || !config.Contracts.ContainsKey(CanaryFile.Table))
        {
            return Task.FromResult(DoctorFinding.Fail(Name,
                $"{sample.FileName} is not routed to a {CanaryFile.Table} contract ({decision.Reason})",
                "restore warehouse/routes.yml's doctor_canary route and warehouse/contracts/doctor/canary.yml from the repository"));
        }

        return Task.FromResult(DoctorFinding.Ok(Name,
            $"{folder}: {config.Routes.Routes.Count} routes, {config.Contracts.Count} contracts, models and checks parse"));
    }
}
