using HealthDw.Cli;
using Spectre.Console;

// Redirected output (CI, a pipe, a file) gets plain text: no colours, no cursor tricks, wide tables.
var redirected = Console.IsOutputRedirected;
var console = AnsiConsole.Create(new AnsiConsoleSettings
{
    Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
    ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
    Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
});
if (redirected) console.Profile.Width = 160;
return await HealthDwCli.RunAsync(args, console);
