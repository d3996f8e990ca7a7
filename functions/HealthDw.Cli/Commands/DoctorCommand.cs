using System.CommandLine;
using HealthDw.Cli.Doctor;
using HealthDw.Core.Doctor;
using Spectre.Console;

namespace HealthDw.Cli.Commands;

/// <summary>
/// <c>healthdw doctor [--aws --stage S]</c>: checks what a first run needs, locally or on a deployed stage, and ends with one
/// line per check (ok, FAIL or skip, and how to fix it). Exit 0 when every check passed, else 1. Names, counts and
/// settings only: the canary is synthetic and no check reads a table's rows.
/// </summary>
public static class DoctorCommand
{
    public static Command Create(Func<CliContext> context)
    {
        var aws = new Option<bool>("--aws") { Description = "check a deployed stage (Snowflake, S3, the workflow) instead of this machine" };
        var stage = new Option<string>("--stage") { Description = "with --aws: the stage in infra-cdk/stages.json", DefaultValueFactory = _ => "dev" };
        var stages = new Option<string?>("--stages") { Description = "with --aws: the stages file (default infra-cdk/stages.json)" };
        var outputs = new Option<string?>("--outputs") { Description = "with --aws: the stack outputs written by cdk deploy --outputs-file FILE" };
        var bucket = new Option<string?>("--bucket") { Description = "with --aws: the drop bucket, if not from --outputs" };
        var key = new Option<string?>("--snowflake-key") { Description = "with --aws: the service user's private key (PKCS#8 PEM file); or HEALTHDW_SNOWFLAKE_KEY_FILE" };
        var timeout = new Option<int>("--canary-timeout") { Description = "with --aws: seconds to wait for the canary in processed/", DefaultValueFactory = _ => 300 };
        var command = new Command("doctor", "Check everything a first run needs (configuration, warehouse, bucket, a canary file through the workflow)")
        {
            aws, stage, stages, outputs, bucket, key, timeout,
        };
        command.SetAction(async (parse, ct) =>
        {
            var ctx = context();
            IReadOnlyList<IDoctorCheck> checks;
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
            if (parse.GetValue(aws))
            {
                var stagesFile = parse.GetValue(stages) ?? DefaultStagesFile(ctx);
                var settings = AwsDoctorSettings.Resolve(parse.GetValue(stage)!, stagesFile, parse.GetValue(outputs), parse.GetValue(bucket),
                    parse.GetValue(key), Environment.GetEnvironmentVariable);
                checks = AwsDoctor.Checks(settings, ctx.Settings.ConfigFolder, TimeSpan.FromSeconds(parse.GetValue(timeout)), http);
                ctx.Console.MarkupLine($"checking stage [bold]{Markup.Escape(parse.GetValue(stage)!)}[/]: s3://{Markup.Escape(settings.Bucket)}, "
                    + $"Snowflake {Markup.Escape(settings.SnowflakeUrl.Host)}");
            }
            else
            {
                checks = LocalDoctor.Checks(ctx.Settings);
            }

            var findings = await DoctorRun.RunAsync(checks, ct);
            Render(ctx.Console, findings);
            return DoctorRun.AllPassed(findings) ? ExitCodes.Ok : ExitCodes.Rejected;
        });
        return command;
    }

    /// <summary><c>infra-cdk/stages.json</c> beside the configuration folder (the repository), else in the current folder.</summary>
    public static string DefaultStagesFile(CliContext ctx)
    {
        var besideConfig = Path.GetFullPath(Path.Combine(ctx.Settings.ConfigFolder, "..", "infra-cdk", "stages.json"));
        return File.Exists(besideConfig) ? besideConfig : Path.Combine("infra-cdk", "stages.json");
    }

    public static void Render(IAnsiConsole console, IReadOnlyList<DoctorFinding> findings)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("check").NoWrap()).AddColumn(new TableColumn("result").NoWrap()).AddColumn("found").AddColumn("fix");
        foreach (var f in findings)
        {
            var result = f.Status switch
            {
                DoctorStatus.Ok => "[green]ok[/]",
                DoctorStatus.Fail => "[red]FAIL[/]",
                _ => "[yellow]skip[/]",
            };
            table.AddRow(Markup.Escape(f.Check), result, Markup.Escape(f.Detail), Markup.Escape(f.Fix ?? ""));
        }

        console.Write(table);
        var failed = findings.Count(f => f.Status == DoctorStatus.Fail);
        var skipped = findings.Count(f => f.Status == DoctorStatus.Skipped);
        console.MarkupLine(failed + skipped == 0
            ? $"[green]all {findings.Count} checks passed[/]"
            : $"[red]{failed} failed[/], {skipped} skipped of {findings.Count} checks: fix the first FAIL, then run healthdw doctor again");
    }
}
