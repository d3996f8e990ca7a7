namespace HealthDw.Core.Ports;

/// <summary>
/// An adapter's failure that knows whether the same call may succeed later (a service not ready yet, a dropped
/// connection, a throttle, a 5xx): the step host reports it under a name the state machines retry, instead of failing the
/// file. The adapters live in projects the host cannot name, so this is how they say it.
/// </summary>
public interface ITransientFailure
{
    bool IsTransient { get; }
}
