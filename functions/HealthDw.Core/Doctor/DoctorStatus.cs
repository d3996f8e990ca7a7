namespace HealthDw.Core.Doctor;

/// <summary>How one check of <c>healthdw doctor</c> ended.</summary>
public enum DoctorStatus
{
    Ok,
    Fail,

    /// <summary>Not run: a check it needs failed first (its fix comes first).</summary>
    Skipped,
}
