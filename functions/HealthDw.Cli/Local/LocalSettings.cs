namespace HealthDw.Cli.Local;

/// <summary>Where the local pipeline keeps things, read once at start-up from options and environment.</summary>
/// <param name="Home">State folder: the warehouse cluster and the bucket (<c>.healthdw/</c> by default).</param>
/// <param name="ConfigFolder">The pipeline's configuration (routes, contracts).</param>
/// <param name="BucketFolder">The local bucket.</param>
/// <param name="WarehouseConnection">A PostgreSQL connection string; null starts the tool's own server, unless
/// <see cref="DuckDbFile"/> names the embedded warehouse.</param>
public sealed record LocalSettings(string Home, string ConfigFolder, string BucketFolder, string? WarehouseConnection)
{
    /// <summary><c>HEALTHDW_WAREHOUSE</c>'s value for the embedded warehouse (DuckDB, a file in the state folder).</summary>
    public const string DuckDbChoice = "duckdb";

    /// <summary><c>HEALTHDW_WAREHOUSE</c>'s value for the tool's own PostgreSQL server (started in the state folder).</summary>
    public const string LocalPostgresChoice = "postgres-local";

    /// <summary>The embedded warehouse's database file, when DuckDB is the warehouse (then <see cref="WarehouseConnection"/> is null).</summary>
    public string? DuckDbFile { get; init; }

    /// <summary>How long a command waits for another healthdw process to let go of the DuckDB file (<c>HEALTHDW_WAREHOUSE_WAIT</c>,
    /// seconds) before it says which process holds it.</summary>
    public TimeSpan DuckDbWait { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>What <c>HEALTHDW_WAREHOUSE</c> chooses: <c>duckdb</c> (the default when unset: nothing to install),
    /// <c>duckdb:&lt;file&gt;</c>, <c>postgres-local</c> (the tool's own PostgreSQL server) or a PostgreSQL connection string.</summary>
    public static LocalSettings WithWarehouse(LocalSettings settings, string? choice) => choice switch
    {
        LocalPostgresChoice => settings with { WarehouseConnection = null, DuckDbFile = null },
        null or "" or DuckDbChoice => settings with { WarehouseConnection = null, DuckDbFile = Path.Combine(settings.Home, "warehouse.duckdb") },
        _ when choice.StartsWith(DuckDbChoice + ":", StringComparison.Ordinal) =>
            settings with { WarehouseConnection = null, DuckDbFile = Path.GetFullPath(choice[(DuckDbChoice.Length + 1)..]) },
        _ => settings with { WarehouseConnection = choice, DuckDbFile = null },
    };

    /// <summary>The tool's own PostgreSQL server, in the state folder (<c>pg/</c>): started by the commands that need it when no
    /// connection string is given, stopped by <c>warehouse stop</c> and <c>reset</c>.</summary>
    public LocalPostgresServer LocalServer => new(Path.Combine(Home, "pg"));

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
        var stages = Path.GetFullPath(Path.Combine(config, "..", "infra-cdk", "stages.json"));
        var stage = Environment.GetEnvironmentVariable("HEALTHDW_STAGE") is { Length: > 0 } s ? s : "dev";
        var wait = double.TryParse(Environment.GetEnvironmentVariable("HEALTHDW_WAREHOUSE_WAIT"), System.Globalization.NumberStyles.Float,
            System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 ? TimeSpan.FromSeconds(seconds) : TimeSpan.FromSeconds(30);
        return WithWarehouse(new LocalSettings(home, Path.GetFullPath(config), Path.GetFullPath(bucket), null)
        {
            DuckDbWait = wait,
            ReservedConcurrency = File.Exists(stages) ? ReservedConcurrency.FromStagesFile(stages, stage) : ReservedConcurrency.None,
        }, Environment.GetEnvironmentVariable("HEALTHDW_WAREHOUSE"));
    }
}
