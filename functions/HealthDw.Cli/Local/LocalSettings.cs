namespace HealthDw.Cli.Local;

/// <summary>Where the local pipeline keeps things, read once at start-up from options and environment.</summary>
/// <param name="Home">State folder: the warehouse cluster and the bucket (<c>.healthdw/</c> by default).</param>
/// <param name="ConfigFolder">The pipeline's configuration (routes, contracts).</param>
/// <param name="BucketFolder">The local bucket.</param>
/// <param name="WarehouseConnection">A PostgreSQL connection string; null starts the tool's own server.</param>
public sealed record LocalSettings(string Home, string ConfigFolder, string BucketFolder, string? WarehouseConnection)
{
    /// <summary>The Step Functions definitions: <c>statemachine/</c> beside the configuration folder, else the copy shipped with the tool.</summary>
    public string StateMachineFolder =>
        Directory.Exists(Path.Combine(ConfigFolder, "..", "statemachine"))
            ? Path.GetFullPath(Path.Combine(ConfigFolder, "..", "statemachine"))
            : Path.Combine(AppContext.BaseDirectory, "statemachine");

    /// <summary>
    /// The functions' reserved concurrency, which the local Lambda throttles as AWS would; none by default.
    /// <see cref="FromEnvironment"/> takes a stage's (<c>HEALTHDW_STAGE</c>, dev by default) from
    /// <c>infra-cdk/stages.json</c> beside the configuration, when there is one.
    /// </summary>
    public ReservedConcurrency ReservedConcurrency { get; init; } = ReservedConcurrency.None;

    /// <summary>Every local function's timeout, enforced as Lambda does (<see cref="LocalLambdaInvoker"/>): Lambda's largest, 900 s,
    /// by default.</summary>
    public TimeSpan FunctionTimeout { get; init; } = LocalLambdaInvoker.MaxTimeout;

    public static LocalSettings FromEnvironment(string? configOverride = null)
    {
        var home = Path.GetFullPath(Environment.GetEnvironmentVariable("HEALTHDW_HOME") is { Length: > 0 } h ? h : ".healthdw");
        var config = configOverride
            ?? (Environment.GetEnvironmentVariable("HEALTHDW_CONFIG") is { Length: > 0 } c ? c
                : File.Exists(Path.Combine("warehouse", "routes.yml")) ? "warehouse"
                : Path.Combine(AppContext.BaseDirectory, "warehouse"));
        var bucket = Environment.GetEnvironmentVariable("HEALTHDW_BUCKET") is { Length: > 0 } b ? b : Path.Combine(home, "bucket");
        var warehouse = Environment.GetEnvironmentVariable("HEALTHDW_WAREHOUSE") is { Length: > 0 } w ? w : null;
        var stages = Path.GetFullPath(Path.Combine(config, "..", "infra-cdk", "stages.json"));
        var stage = Environment.GetEnvironmentVariable("HEALTHDW_STAGE") is { Length: > 0 } s ? s : "dev";
        return new LocalSettings(home, Path.GetFullPath(config), Path.GetFullPath(bucket), warehouse)
        {
            ReservedConcurrency = File.Exists(stages) ? ReservedConcurrency.FromStagesFile(stages, stage) : ReservedConcurrency.None,
        };
    }
}
