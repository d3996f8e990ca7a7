using HealthDw.Core.Loading;

namespace HealthDw.Warehouse.Snowflake;

/// <summary>Where a stage load stands after <c>StartAsync</c> or <c>ResumeAsync</c>: finished with its
/// <see cref="Outcome"/>, or its COPY still running under <see cref="Handle"/>.</summary>
public sealed record SnowflakeLoadStep
{
    private SnowflakeLoadStep(LoadOutcome? outcome, SnowflakeLoadHandle? handle)
    {
        Outcome = outcome;
        Handle = handle;
    }

    public LoadOutcome? Outcome { get; }

    public SnowflakeLoadHandle? Handle { get; }

    public bool IsFinished => Outcome is not null;

    public static SnowflakeLoadStep Finished(LoadOutcome outcome) => new(outcome ?? throw new ArgumentNullException(nameof(outcome)), null);

    public static SnowflakeLoadStep Running(SnowflakeLoadHandle handle) => new(null, handle ?? throw new ArgumentNullException(nameof(handle)));
}
