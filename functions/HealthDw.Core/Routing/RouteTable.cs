using System.Globalization;
using System.Text.RegularExpressions;

namespace HealthDw.Core.Routing;

/// <summary>The routes of <c>routes.yml</c>: file name → staging table, drop id and part.</summary>
public sealed partial class RouteTable(IReadOnlyList<Regex> ignore, Regex? manifest, IReadOnlyList<Route> routes, TimeSpan dropDeadline)
{
    public IReadOnlyList<Route> Routes { get; } = routes;

    /// <summary>
    /// The longest drop_deadline_hours allowed: publish-drop checks a drop for at most a day (288 checks 300 s apart)
    /// before it gives up, so the deadline must pass, and the drop be reported incomplete, before that.
    /// </summary>
    public const double MaxDropDeadlineHours = 23;

    /// <summary>How long after its timestamp a drop may still be arriving; after that its missing files are reported.</summary>
    public TimeSpan DropDeadline { get; } = dropDeadline;

    /// <summary>What a file that arrives after its drop's publish began sets off (<c>late_files</c>).</summary>
    public LateFilePolicy LateFiles { get; init; } = LateFilePolicy.Publish;

    /// <summary>Routes the last segment of an object key; folders before it play no part.</summary>
    public RouteDecision Resolve(string key)
    {
        var name = key[(key.LastIndexOf('/') + 1)..];
        foreach (var pattern in ignore)
        {
            if (pattern.IsMatch(name))
                return new RouteDecision(RouteKind.Ignored, name, null, null, null, $"matches the ignore pattern '{pattern}'");
        }

        // A compression with no reader here is refused by name, whatever a route's pattern says: never read as text.
        if (Csv.CompressedFile.Unreadable(name) is { } unreadable)
            return new RouteDecision(RouteKind.Unknown, name, null, null, null, unreadable);

        if (manifest?.Match(name) is { Success: true } control)
        {
            return DropIds.Problem(control.Groups["drop"].Value) is { } manifestProblem
                ? Refused(name, "the manifest pattern", manifestProblem)
                : new RouteDecision(RouteKind.Control, name, null, control.Groups["drop"].Value, null, "the drop's manifest");
        }

        foreach (var route in Routes)
        {
            var m = route.Pattern.Match(name);
            if (!m.Success) continue;
            if (DropIds.Problem(m.Groups["drop"].Value) is { } dropProblem)
                return Refused(name, $"the route for {route.Table}", dropProblem);
            int? part = m.Groups["part"].Success
                ? int.Parse(m.Groups["part"].Value, CultureInfo.InvariantCulture)
                : null;
            return new RouteDecision(RouteKind.Routed, name, route.Table, m.Groups["drop"].Value, part, $"matches the route for {route.Table}");
        }

        var guess = Closest(name) is { } near ? $"; did you mean {near}?" : "";
        return new RouteDecision(RouteKind.Unknown, name, null, null, null,
            "no route in routes.yml matches this file name. A name is <table>_<yyyyMMddTHHmm>[_part<N>] and ends in "
            + Csv.CompressedFile.Accepted + ", where <table> is one of: "
            + string.Join(", ", Routes.Select(r => r.Table)) + guess);
    }

    /// <summary>
    /// A name whose captured drop id could not name the drop's publish execution (say, longer than the pattern check
    /// at load time can bound): refused like an unknown name, before anything is loaded under that drop.
    /// </summary>
    private static RouteDecision Refused(string name, string matched, string problem) =>
        new(RouteKind.Unknown, name, null, null, null, $"the name matches {matched}, but its drop id cannot be used: {problem}");

    /// <summary>The name with its table part replaced by the nearest table (at most 3 edits away), when one is that near.</summary>
    private string? Closest(string name)
    {
        var drop = DropStamp().Match(name);
        var prefix = drop.Success ? name[..drop.Index] : Path.GetFileNameWithoutExtension(name);
        var best = Routes
            .Where(r => r.Table != prefix)
            .Select(r => (Route: r, Distance: Edits(prefix.ToLowerInvariant(), r.Table.ToLowerInvariant())))
            .Where(c => c.Distance <= 3)
            .OrderBy(c => c.Distance)
            .FirstOrDefault();
        if (best.Route is null) return null;
        if (!drop.Success) return best.Route.Table + "_<yyyyMMddTHHmm>.csv";
        var suggestion = best.Route.Table + name[drop.Index..];
        return best.Route.Pattern.IsMatch(suggestion) ? suggestion : null; // only a name that would route
    }

    /// <summary>Levenshtein distance.</summary>
    private static int Edits(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            previous = current;
        }

        return previous[b.Length];
    }

    [GeneratedRegex(@"_\d{8}T\d{4}", RegexOptions.CultureInvariant)]
    private static partial Regex DropStamp();
}
