namespace HealthDw.Generator.Model;

/// <summary>
/// Appointments by index (APPTPK = index + 1) over the two years before the drop, each after its patient joined. Diagnoses,
/// claims and payments recompute an appointment from its index instead of storing it.
/// </summary>
internal sealed class AppointmentModel(DropPlan plan, int seed, long dropTime)
{
    private static readonly ulong Tag = Prng.Tag("chart_appointment");
    private const long Minute = 60;
    private const long Hour = 3_600;

    public AppointmentRecord Get(long index)
    {
        var rng = Prng.For(seed, Tag, index);
        var u = rng.NextDouble();

        // The first appointment is always an old, completed (and later paid) visit, so even the
        // smallest drop has a row in every table.
        var status = index == 0 || u < 0.78 ? AppointmentStatus.Completed
            : u < 0.85 ? AppointmentStatus.NoShow
            : u < 0.93 ? AppointmentStatus.Cancelled
            : AppointmentStatus.Scheduled;

        var patient = rng.Below(plan.Patients);
        var provider = rng.Below(plan.Providers);
        var location = rng.Chance(0.85) ? 1 + (provider % plan.Locations) : 1 + rng.Below(plan.Locations);

        // Still "scheduled" only for the last few days (the EMR has not closed those visits yet). Patients join the practice
        // over the two years (the higher the index, the later): their visits start after they joined, so every month has
        // new patients as well as returning ones.
        var joinedDaysBack = Math.Max(1L, (long)(730 * (1.0 - (double)patient / plan.Patients)));
        var daysBack = index == 0 ? 400 : status == AppointmentStatus.Scheduled ? rng.Below(3L) : rng.Below(joinedDaysBack);
        var slot = (8 * Hour) + (rng.Below(40L) * 15 * Minute);
        var start = dropTime - (dropTime % DropClock.Day) - (daysBack * DropClock.Day) + slot;
        if (start > dropTime)
        {
            start -= DropClock.Day;
        }

        var v = rng.NextDouble();
        var visitType = v switch // index into CareTerms.VisitTypes, most frequent first
        {
            < 0.40 => 0,
            < 0.65 => 1,
            < 0.77 => 2,
            < 0.87 => 3,
            < 0.95 => 4,
            _ => 5,
        };
        var updateAt = status switch
        {
            AppointmentStatus.Completed or AppointmentStatus.NoShow => Math.Min(dropTime, start + rng.Between(15 * Minute, 2 * DropClock.Day)),
            AppointmentStatus.Cancelled => start - rng.Between(Hour, 14 * DropClock.Day),
            _ => start - rng.Between(DropClock.Day, 60 * DropClock.Day),
        };

        return new AppointmentRecord(index, index + 1, patient, provider, location, start, visitType, status, updateAt);
    }
}
