namespace HealthDw.Warehouse.Snowflake;

/// <summary>Why a call failed in a way that a later retry (Step Functions Retry) may cure.</summary>
public enum SnowflakeTransientReason
{
    /// <summary>HTTP 429 on every attempt.</summary>
    RateLimited,

    /// <summary>HTTP 5xx on every attempt.</summary>
    ServerError,

    /// <summary>No response: connection lost or HTTP timeout on every attempt.</summary>
    NetworkFailure,

    /// <summary>Snowflake answered a Retry-After longer than the client waits in-process.</summary>
    RetryAfterTooLong,

    /// <summary>HTTP 408: the statement ran past its timeout and Snowflake cancelled it.</summary>
    StatementTimeout,

    /// <summary>The statement was still running when the client stopped polling; it may still finish.</summary>
    StillRunning,
}
