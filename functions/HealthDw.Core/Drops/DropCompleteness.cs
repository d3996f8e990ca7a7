using HealthDw.Core.Configuration;
using HealthDw.Core.Pipeline;
using HealthDw.Core.Ports;

namespace HealthDw.Core.Drops;

/// <summary>
/// Decides whether a drop is complete. With a manifest: every listed file loaded with the listed
/// row count. Without one: every table whose route is <c>required</c> has at least one file loaded.
/// A drop is overdue once its timestamp plus the configured deadline has passed.
/// </summary>
public static class DropCompleteness
{
    public static DropState Evaluate(PipelineConfig config, string dropId, IReadOnlyList<LedgerEntry> loads, DropManifest? manifest, DateTimeOffset now)
    {
        var missing = new List<string>();
        var mismatches = new List<string>();
        if (manifest is not null)
        {
            foreach (var file in manifest.Files)
            {
                var loaded = loads.Where(l => FileName(l.Key) == file.Name).ToList();
                if (loaded.Count == 0) missing.Add(file.Name);
                else if (loaded.All(l => l.Rows != file.Rows))
                    mismatches.Add($"{file.Name}: manifest says {file.Rows:N0} rows, loaded {loaded[^1].Rows:N0}");
            }
        }
        else
        {
            missing.AddRange(config.Routes.Routes.Where(r => r.Required && loads.All(l => l.Table != r.Table)).Select(r => r.Table));
        }

        var overdue = new DropId(dropId).Time is { } time && now > time + config.Routes.DropDeadline;
        return new DropState(dropId, missing.Count == 0 && mismatches.Count == 0, overdue, manifest is not null,
            loads.Count, loads.Sum(l => l.Rows), missing, mismatches, ControlTotals: manifest?.ControlTotals);
    }

    private static string FileName(string key) => key[(key.LastIndexOf('/') + 1)..];
}
