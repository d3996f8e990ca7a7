using HealthDw.Generator.Model;

namespace HealthDw.Generator.Manifest;

/// <summary>
/// The figures an EMR's own reports give for one drop, written into the manifest's <c>control_totals</c> so that
/// warehouse/reconciliations.yml can prove the warehouse agrees: the appointments in the drop (one row each in
/// chart_appointment) and the billed amount of its claims (one per completed appointment), in cents.
/// </summary>
internal readonly record struct ControlTotals(long Appointments, long BilledCents)
{
    public static ControlTotals Of(DropModel model)
    {
        long billed = 0;
        for (long i = 0; i < model.Plan.Appointments; i++)
        {
            var appointment = model.Appointments.Get(i);
            if (appointment.Status == AppointmentStatus.Completed) billed += model.Claims.Get(appointment).BilledCents;
        }

        return new ControlTotals(model.Plan.Appointments, billed);
    }
}
