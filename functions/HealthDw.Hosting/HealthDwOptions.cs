using HealthDw.Core.Loading;
using HealthDw.Core.Ports;
using HealthDw.Core.Publishing;

namespace HealthDw.Hosting;

/// <summary>The switches of <see cref="HealthDwHost.BuildAsync"/>: which store, warehouse, notifier and secrets a host runs on.
/// Everything else (the step handlers, the loader, the publish statements) is the same for every host.</summary>
/// <param name="ConfigFolder">The pipeline's configuration (routes, contracts, models, checks).</param>
public sealed record HealthDwOptions(string ConfigFolder, StoreOptions Store, WarehouseOptions Warehouse, NotifierOptions Notifier, SecretsOptions Secrets)
{
    /// <summary>Create the pipeline's schemas at start-up (locally always; on AWS only a self-hosted PostgreSQL warehouse asks for it).</summary>
    public bool EnsureSchema { get; init; }

    /// <summary>Where people see an execution: the console URL on AWS, a command locally.</summary>
    public Func<string?, string?> ExecutionLink { get; init; } = _ => null;

    public IClock? Clock { get; init; }

    /// <summary>The client for Slack, the secrets extension and Snowflake; null makes one (15 s timeout) when one is needed.</summary>
    public HttpClient? Http { get; init; }

    public IProgress<FileLoadProgress>? LoadProgress { get; init; }

    public IProgress<PublishProgress>? PublishProgress { get; init; }
}
