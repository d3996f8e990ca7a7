using HealthDw.Core.Ports;

namespace HealthDw.Core.Drops;

/// <summary>
/// The drop's next publish-drop execution, worked out from the warehouse's record of the attempts (never from Step
/// Functions): every file that finishes at the same time computes the same name, so one start wins and the others are
/// refused (ExecutionAlreadyExists), and a drop whose last attempt was blocked or failed gets a fresh name.
/// </summary>
/// <param name="Name"><c>drop-&lt;id&gt;</c> before any attempt; else the next <c>drop-&lt;id&gt;-r&lt;n&gt;</c>; when
/// <paramref name="Covered"/>, the attempt that covers the drop.</param>
/// <param name="Covered">The last attempt began reading staging after the drop's newest load (it is running, or has ended:
/// published, or blocked or failed and announced): another publish would only repeat it.</param>
/// <param name="Running">An attempt is building now. A new one waits for it to end (Check Drop's loop): two builds of one
/// drop would share its build schema.</param>
public sealed record PublishPlan(string Name, bool Covered, bool Running)
{
    /// <param name="newestLoad">When the drop's newest file was loaded (the ledger); null when none was.</param>
    public static PublishPlan For(string dropId, DateTimeOffset? newestLoad, IReadOnlyList<PublishAttemptEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var first = $"drop-{dropId}";
        var attempts = events.Where(e => e.DropId == dropId).GroupBy(e => e.ExecutionName, StringComparer.Ordinal).Select(g => (
            Name: g.Key,
            Number: Number(first, g.Key),
            Building: g.Where(e => e.Event == PublishAttemptEvent.Building).Select(e => (DateTimeOffset?)e.At).Min(),
            Ended: g.Where(e => e.Event != PublishAttemptEvent.Building).Select(e => (DateTimeOffset?)e.At).Min())).ToList();
        if (attempts.Count == 0)
            return new PublishPlan(first, Covered: false, Running: false);
        var last = attempts.MaxBy(a => (a.Number, a.Building ?? a.Ended));
        var running = attempts.Any(a => a.Building is not null && a.Ended is null);
        // Compare each load's time with the publish's start: a load before the build began is in it; one at or after it
        // may not be (the build reads staging while it runs), so it needs a publish of its own. An attempt that ended before
        // it built (incomplete, a failed Check Drop) read nothing: what was loaded before its end is covered by its notice.
        var readFrom = last.Building ?? last.Ended;
        if (newestLoad is null || newestLoad < readFrom)
            return new PublishPlan(last.Name, Covered: true, running);
        return new PublishPlan($"{first}-r{Math.Max(2, last.Number + 1)}", Covered: false, running);
    }

    /// <summary>The drop a publish-drop execution is for, from its name (<c>drop-&lt;id&gt;</c> or <c>drop-&lt;id&gt;-r&lt;n&gt;</c>,
    /// as <see cref="For"/> names them); null for any other name.</summary>
    public static string? DropIdOf(string executionName)
    {
        ArgumentNullException.ThrowIfNull(executionName);
        const string prefix = "drop-";
        if (!executionName.StartsWith(prefix, StringComparison.Ordinal))
            return null;
        var id = executionName[prefix.Length..];
        var retry = id.LastIndexOf("-r", StringComparison.Ordinal);
        if (retry > 0 && id.Length > retry + 2 && id.AsSpan(retry + 2).IndexOfAnyExceptInRange('0', '9') < 0)
            id = id[..retry];
        return id.Length > 0 ? id : null;
    }

    /// <summary>1 for <c>drop-&lt;id&gt;</c>, n for <c>drop-&lt;id&gt;-r&lt;n&gt;</c>.</summary>
    private static int Number(string first, string name) =>
        name.StartsWith(first + "-r", StringComparison.Ordinal)
        && int.TryParse(name.AsSpan(first.Length + 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n
            : 1;
}
