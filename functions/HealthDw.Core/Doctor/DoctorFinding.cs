namespace HealthDw.Core.Doctor;

/// <summary>
/// One line of the doctor's table: the check, how it ended, what was found and, when it did not pass, how to fix it.
/// Names, counts and settings only: a finding never carries a cell value.
/// </summary>
public sealed record DoctorFinding(string Check, DoctorStatus Status, string Detail, string? Fix)
{
    public static DoctorFinding Ok(string check, string detail) => new(check, DoctorStatus.Ok, detail, null);

    public static DoctorFinding Fail(string check, string detail, string fix) => new(check, DoctorStatus.Fail, detail, fix);
}
