namespace HealthDw.Core.Checks;

public enum CheckOutcome
{
    Pass,
    Warn,
    Fail,
}
