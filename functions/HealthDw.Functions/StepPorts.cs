using HealthDw.Core.Configuration;
using HealthDw.Core.Loading;
using HealthDw.Core.Ports;
using HealthDw.Core.Publishing;
using HealthDw.Core.Sql;

namespace HealthDw.Functions;

/// <summary>Everything the steps need from the world: the one place where a host (the Lambda
/// bootstrap, the local CLI, the tests) says which adapters it uses.</summary>
/// <param name="Statements">Asynchronous statements for the publish phases (Snowflake's SQL API handles; locally in the background).</param>
/// <param name="PublishProgress">Where the publish phases report what they do (the CLI shows it).</param>
/// <param name="ExecutionLink">Where people see an execution: the console URL on AWS, a command locally.</param>
public sealed record StepPorts(
    PipelineConfig Config,
    AnalyticsProject Analytics,
    IObjectStore Store,
    IWarehouse Warehouse,
    IFileLoader Loader,
    ISqlRunner Sql,
    IStatementRunner Statements,
    ISqlDialect Dialect,
    ICheckHistory CheckHistory,
    IAlertWindow AlertWindow,
    INotifier Notifier,
    IClock Clock,
    Func<string?, string?> ExecutionLink,
    IProgress<FileLoadProgress>? LoadProgress = null,
    IProgress<PublishProgress>? PublishProgress = null);
