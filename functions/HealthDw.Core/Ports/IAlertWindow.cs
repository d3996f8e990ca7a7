namespace HealthDw.Core.Ports;

/// <summary>
/// Groups alerts so the team gets at most one message per group (a drop) per window, however many
/// files fail. Kept in the warehouse, so it holds across Lambda invocations.
/// </summary>
public interface IAlertWindow
{
    /// <summary>Offers an alert. Returns what to send now (the held alerts and this one) when the group's
    /// window is open; otherwise holds this one and returns nothing.</summary>
    Task<IReadOnlyList<string>> OfferAsync(string group, string summary, DateTimeOffset now, TimeSpan window, CancellationToken ct);

    /// <summary>Takes the alerts still held for a group (the drop's digest carries them).</summary>
    Task<IReadOnlyList<string>> DrainAsync(string group, CancellationToken ct);
}
