using HealthDw.Cli.Commands;
using HealthDw.Core.Drops;
using HealthDw.Core.Pipeline;
using HealthDw.Core.Ports;

namespace HealthDw.Cli.Local;

/// <summary>
/// The files Archive File put away, found by what a person types: a key as a report or <c>healthdw status</c> shows it
/// (<c>error_files/20261121T0200/chart_appointment_20261121T0200.csv</c>), the same without its drop folder, a bare file
/// name, or the name of its <c>.error.json</c> (meaning the file beside it). A report is never itself a file to replay.
/// Works over the object-store port, so the folder bucket and S3 are searched alike.
/// </summary>
public sealed class ArchivedFiles(IObjectStore store)
{
    /// <summary>Where a file can be replayed from: loaded files, and refused ones.</summary>
    public static IReadOnlyList<string> Archives { get; } = [BucketLayout.Processed, BucketLayout.Errors];

    /// <summary>What a replay takes: a drop id (<c>yyyyMMddTHHmm</c>) names every archived file of the drop, anything else the one
    /// archived file it names.</summary>
    /// <param name="DropId">The drop id typed, or null when a file was named.</param>
    public sealed record Selection(string? DropId, IReadOnlyList<string> Keys);

    /// <summary>The archived files a replay of <paramref name="typed"/> takes, in the local and the AWS replay alike; a usage
    /// error (one line) when it names no file, several, or a drop with nothing archived.</summary>
    public async Task<Selection> SelectAsync(string typed, CancellationToken ct)
    {
        var dropId = new DropId(typed.Trim()).Time is null ? null : typed.Trim();
        if (dropId is null) return new Selection(null, [await FindAsync(typed, ct)]);
        var keys = await OfDropAsync(dropId, ct);
        return keys.Count > 0
            ? new Selection(dropId, keys)
            : throw new UsageException($"no archived file of drop {dropId} in {string.Join(" or ", Archives)}; `healthdw status` lists the loads and rejections");
    }

    /// <summary>The one archived file the text names; a usage error (one line) when it names none, or several.</summary>
    public async Task<string> FindAsync(string typed, CancellationToken ct)
    {
        var wanted = typed.Trim().Replace('\\', '/').TrimStart('/');
        while (wanted.StartsWith("./", StringComparison.Ordinal)) wanted = wanted[2..];
        if (wanted.EndsWith(BucketLayout.ErrorReportSuffix, StringComparison.Ordinal)) wanted = wanted[..^BucketLayout.ErrorReportSuffix.Length];
        var area = Archives.FirstOrDefault(a => wanted.StartsWith(a, StringComparison.Ordinal));
        var rest = area is null ? wanted : wanted[area.Length..];
        var found = new List<string>();
        if (rest.Length > 0)
        {
            foreach (var archive in area is null ? Archives : [area])
            {
                await foreach (var item in store.ListAsync(archive, ct))
                {
                    if (IsFile(item.Key) && (item.Key == archive + rest || item.Key.EndsWith("/" + rest, StringComparison.Ordinal)))
                        found.Add(item.Key);
                }
            }
        }

        var where = area ?? string.Join(" or ", Archives);
        return found.Count switch
        {
            1 => found[0],
            0 => throw new UsageException($"no archived file '{typed}' in {where}; `healthdw status` lists the loads and rejections"),
            _ => throw new UsageException($"'{typed}' is ambiguous: it names {found.Count} archived files ("
                + string.Join(", ", found.Take(5)) + (found.Count > 5 ? ", ..." : "") + "); name one of them whole"),
        };
    }

    /// <summary>Every archived file of a drop, loaded or refused (other versions under their token folders too).</summary>
    public async Task<IReadOnlyList<string>> OfDropAsync(string dropId, CancellationToken ct)
    {
        var found = new List<string>();
        foreach (var archive in Archives)
        {
            await foreach (var item in store.ListAsync(archive + dropId + "/", ct))
            {
                if (IsFile(item.Key)) found.Add(item.Key);
            }
        }

        return found;
    }

    /// <summary>A data or control file, not a report (nor one kept from an earlier replay) or a half-written temp file.</summary>
    private static bool IsFile(string key) =>
        !key.EndsWith(BucketLayout.ErrorReportSuffix, StringComparison.Ordinal) && !key.Contains(".tmp-", StringComparison.Ordinal);
}
