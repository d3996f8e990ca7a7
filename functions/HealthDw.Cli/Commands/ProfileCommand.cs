using System.CommandLine;
using HealthDw.Cli.Local;
using HealthDw.Cli.Profile;
using HealthDw.Core.Configuration;
using HealthDw.Core.Csv;
using HealthDw.Core.Profiling;
using HealthDw.Core.Routing;
using HealthDw.Hosting.Configuration;

namespace HealthDw.Cli.Commands;

/// <summary>
/// <c>healthdw profile TABLE | FILE</c>: per column, nulls, distinct count and lengths of a warehouse relation or of a
/// CSV file (streamed). No cell value by default; <c>--show-values</c> adds min, max and top values of the columns that
/// their contract does not mark <c>phi: true</c>.
/// </summary>
public static class ProfileCommand
{
    public static Command Create(Func<CliContext> context)
    {
        var target = new Argument<string>("target")
        {
            Description = "a staging table (register_users), a model (dim_patient) or schema.relation; or a CSV file (.csv, .csv.gz, …)",
        };
        var showValues = new Option<bool>("--show-values") { Description = "add min, max and top values of the columns not marked phi: true" };
        var json = new Option<bool>("--json") { Description = "print the profile as JSON" };
        var table = new Option<string?>("--table") { Description = "for a FILE whose name routes to no table: the contract to read it with" };
        var command = new Command("profile", "Profile a table or a CSV file: nulls, distinct counts, lengths (values only with --show-values, never of phi columns)")
        {
            target, showValues, json, table,
        };
        command.SetAction(async (parse, ct) =>
        {
            var ctx = context();
            var name = parse.GetValue(target)!;
            var profile = File.Exists(name)
                ? ProfileFile(ctx, name, parse.GetValue(table), parse.GetValue(showValues), ct)
                : await ProfileRelationAsync(ctx, name, parse.GetValue(showValues), ct);
            if (parse.GetValue(json)) ctx.Console.Profile.Out.Writer.WriteLine(ProfileOutput.Json(profile));
            else ProfileOutput.Write(ctx.Console, profile);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static DataProfile ProfileFile(CliContext ctx, string path, string? tableName, bool showValues, CancellationToken ct)
    {
        var config = ConfigFolder.Load(ctx.Settings.ConfigFolder);
        var fileName = Path.GetFileName(path);
        if (CompressedFile.Unreadable(fileName) is { } unreadable) throw new UsageException(unreadable);
        var routed = tableName ?? (config.Routes.Resolve(fileName) is { Kind: RouteKind.Routed, Table: { } t } ? t : null);
        TableContract? contract = null;
        if (routed is not null && !config.Contracts.TryGetValue(routed, out contract))
            throw new UsageException($"no contract for table '{routed}'; tables: {string.Join(", ", config.Contracts.Keys.Order(StringComparer.Ordinal))}");
        using var file = File.OpenRead(path);
        using var text = CompressedFile.Open(file, CompressedFile.Of(fileName));
        try
        {
            return FileProfiler.Profile(text, fileName, contract, showValues, ct);
        }
        catch (InvalidDataException)
        {
            throw new UsageException($"{fileName}: its compressed data is damaged; nothing to profile");
        }
    }

    private static async Task<DataProfile> ProfileRelationAsync(CliContext ctx, string name, bool showValues, CancellationToken ct)
    {
        await using var pipeline = await LocalPipeline.OpenAsync(ctx.Settings, ct);
        var lower = name.ToLowerInvariant();
        var (schema, relation) = lower.Split('.') switch
        {
            [var s, var r] => (s, r),
            [var r] when pipeline.Config.Contracts.ContainsKey(r) => ("staging", r),
            [var r] => ("analytics", r),
            _ => throw new UsageException($"'{name}' is neither a table, schema.relation nor an existing file"),
        };
        var profiler = new TableProfiler(pipeline.Sql, pipeline.Dialect);
        if (!System.Text.RegularExpressions.Regex.IsMatch(schema + "." + relation, "^[a-z_][a-z0-9_]*\\.[a-z_][a-z0-9_]*$")
            || (await profiler.ColumnsAsync(schema, relation, ct)).Count == 0)
        {
            throw new UsageException($"'{name}' is no file and no relation in the warehouse; staging tables: "
                + $"{string.Join(", ", pipeline.Config.Contracts.Keys.Order(StringComparer.Ordinal))}; models (once published): "
                + string.Join(", ", pipeline.Analytics.Models.Models.Keys.Order(StringComparer.Ordinal)));
        }

        var contract = schema == "staging" ? pipeline.Config.Contracts.GetValueOrDefault(relation) : null;
        return await profiler.ProfileAsync(schema, relation, contract, showValues, ct);
    }
}
