namespace HealthDw.Core.Doctor;

/// <summary>One thing a first run needs, checked without touching real data. A check maps the failures it expects to a
/// finding with a fix; anything else it throws is reported by <see cref="DoctorRun"/> as a failure of that check.</summary>
public interface IDoctorCheck
{
    /// <summary>Short and stable: the first column of the table, and what other checks name in <see cref="Needs"/>.</summary>
    string Name { get; }

    /// <summary>Checks that must pass before this one can tell anything (the warehouse must answer before its objects are
    /// looked up); when one did not, this one is skipped.</summary>
    IReadOnlyList<string> Needs { get; }

    Task<DoctorFinding> RunAsync(CancellationToken ct);
}
