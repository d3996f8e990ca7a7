namespace HealthDw.Generator.Model;

/// <summary>Everything a table needs to compute its rows: the plan, the seed, the drop time and the entity models.</summary>
internal sealed class DropModel
{
    public DropModel(DropPlan plan, int seed, long dropTime)
    {
        Plan = plan;
        Seed = seed;
        DropTime = dropTime;
        Codes = new CodeCatalog(plan.IcdCodes, plan.CptCodes);
        Users = new UserModel(plan, seed, dropTime);
        Appointments = new AppointmentModel(plan, seed, dropTime);
        Claims = new ClaimModel(Codes, seed, dropTime);
    }

    public DropPlan Plan { get; }

    public int Seed { get; }

    /// <summary>Unix seconds; no generated timestamp is later.</summary>
    public long DropTime { get; }

    public CodeCatalog Codes { get; }

    public UserModel Users { get; }

    public AppointmentModel Appointments { get; }

    public ClaimModel Claims { get; }

    /// <summary>A random moment in the last <paramref name="days"/> days before the drop.</summary>
    public long RecentTime(ref Prng rng, long days) => DropTime - rng.Below(days * DropClock.Day);
}
