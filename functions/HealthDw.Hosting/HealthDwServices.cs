using HealthDw.Core.Ports;
using HealthDw.Functions;
using HealthDw.Hosting.Notify;

namespace HealthDw.Hosting;

/// <summary>What <see cref="HealthDwHost.BuildAsync"/> built: the step ports and handlers every host runs, and what to
/// dispose with them (the warehouse's connection or file).</summary>
/// <param name="Outbox">The local outbox, when the notifier options name one.</param>
public sealed class HealthDwServices(StepPorts ports, StepHandlerTable steps, ISecrets secrets, OutboxNotifier? outbox, IAsyncDisposable owned)
    : IAsyncDisposable
{
    public StepPorts Ports => ports;

    /// <summary>Every step by name, JSON in and out.</summary>
    public StepHandlerTable Steps => steps;

    public ISecrets Secrets => secrets;

    public OutboxNotifier? Outbox => outbox;

    public ValueTask DisposeAsync() => owned.DisposeAsync();
}
