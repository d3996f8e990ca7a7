namespace HealthDw.Generator.Model;

internal enum ClaimStatus
{
    Submitted,
    Paid,
    Denied,
    Adjusted,
}
