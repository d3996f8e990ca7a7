namespace HealthDw.Cli.Commands;

public static class ExitCodes
{
    public const int Ok = 0;
    public const int Rejected = 1;
    public const int UsageOrConfig = 2;
    public const int Internal = 3;
}
