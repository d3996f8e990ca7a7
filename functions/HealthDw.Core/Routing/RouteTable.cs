using System.Globalization;
using System.Text.RegularExpressions;

namespace HealthDw.Core.Routing;

/// <summary>The routes of <c>routes.yml</c>: file name → staging table, drop id and part.</summary>
public sealed class RouteTable(IReadOnlyList<Regex> ignore, Regex? manifest, IReadOnlyList<Route> routes, TimeSpan dropDeadline)
{
    public IReadOnlyList<Route> Routes { get; } = routes;

    /// <summary>How long after its timestamp a drop may still be arriving; after that its missing files are reported.</summary>
    public TimeSpan DropDeadline { get; } = dropDeadline;

    /// <summary>Routes the last segment of an object key; folders before it play no part.</summary>
    public RouteDecision Resolve(string key)
    {
        var name = key[(key.LastIndexOf('/') + 1)..];
        foreach (var pattern in ignore)
        {
            if (pattern.IsMatch(name))
                return new RouteDecision(RouteKind.Ignored, name, null, null, null, $"matches the ignore pattern '{pattern}'");
        }

        if (manifest?.Match(name) is { Success: true } control)
            return new RouteDecision(RouteKind.Control, name, null, control.Groups["drop"].Value, null, "the drop's manifest");

        foreach (var route in Routes)
        {
            var m = route.Pattern.Match(name);
            if (!m.Success) continue;
            int? part = m.Groups["part"].Success
                ? int.Parse(m.Groups["part"].Value, CultureInfo.InvariantCulture)
                : null;
            return new RouteDecision(RouteKind.Routed, name, route.Table, m.Groups["drop"].Value, part, $"matches the route for {route.Table}");
        }

        return new RouteDecision(RouteKind.Unknown, name, null, null, null,
            "no route in routes.yml matches this file name; expected <schema>_<table>_<yyyyMMddTHHmm>[_part<N>].csv for one of: "
            + string.Join(", ", Routes.Select(r => r.Table)));
    }
}
