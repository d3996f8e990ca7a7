namespace HealthDw.Core.Doctor;

/// <summary>Runs the checks in order, each once, skipping a check whose needs did not pass; one finding per check.</summary>
public static class DoctorRun
{
    public static async Task<IReadOnlyList<DoctorFinding>> RunAsync(IReadOnlyList<IDoctorCheck> checks, CancellationToken ct)
    {
        var findings = new List<DoctorFinding>(checks.Count);
        foreach (var check in checks)
        {
            var blocked = check.Needs.Where(n => findings.Find(f => f.Check == n) is not { Status: DoctorStatus.Ok }).ToList();
            if (blocked.Count > 0)
            {
                findings.Add(new DoctorFinding(check.Name, DoctorStatus.Skipped, $"needs {string.Join(", ", blocked)}",
                    $"fix {string.Join(" and ", blocked)} first"));
                continue;
            }

            try
            {
                findings.Add(await check.RunAsync(ct));
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // A failure the check did not foresee still gets its line: the type names what broke. The message is cut at
                // its first quote or colon, as the warehouse errors are, so no value it may quote reaches the screen.
                findings.Add(DoctorFinding.Fail(check.Name, $"{e.GetType().Name}: {FirstClause(e.Message)}",
                    "an unexpected error; run the check's step by hand (healthdw drop, warehouse start) to see it in full"));
            }
        }

        return findings;
    }

    public static bool AllPassed(IReadOnlyList<DoctorFinding> findings) => findings.All(f => f.Status == DoctorStatus.Ok);

    private static string FirstClause(string message)
    {
        var cut = message.IndexOfAny(['\'', '"', ':', '\n']);
        return cut < 0 ? message : message[..cut].TrimEnd();
    }
}
