using HealthDw.Cli.Local;
using Spectre.Console;

namespace HealthDw.Cli.Commands;

/// <summary>What every command gets: where to write and the local settings.</summary>
public sealed record CliContext(IAnsiConsole Console, LocalSettings Settings)
{
    public bool Interactive => Console.Profile.Capabilities.Interactive;
}
