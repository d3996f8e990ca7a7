using HealthDw.Generator.Csv;
using HealthDw.Generator.Data;
using HealthDw.Generator.Model;

namespace HealthDw.Generator.Tables;

internal sealed class AppointmentTable() : TableSource(
    "chart_appointment", "APPTPK,PATIENT_UID,PROVIDER_UID,LOCATIONPK,APPT_START,VISIT_TYPE,STATUS,UPDATE_AT", 300_000)
{
    public override long Write(DropModel model, CsvTableWriter csv, long maxRows)
    {
        var rows = Math.Min(maxRows, model.Plan.Appointments);
        for (long i = 0; i < rows; i++)
        {
            var appointment = model.Appointments.Get(i);
            csv.Int(appointment.ApptPk);
            csv.Int(model.Users.PatientUid(appointment.PatientIndex));
            csv.Int(model.Users.ProviderUid(appointment.ProviderIndex));
            csv.Int(appointment.LocationPk);
            csv.Timestamp(appointment.Start);
            csv.Text(CareTerms.VisitTypes[appointment.VisitType]);
            csv.Literal(appointment.Status switch
            {
                AppointmentStatus.Completed => "completed"u8,
                AppointmentStatus.NoShow => "no_show"u8,
                AppointmentStatus.Cancelled => "cancelled"u8,
                _ => "scheduled"u8,
            });
            csv.Timestamp(appointment.UpdateAt);
            csv.EndRow();
        }

        return rows;
    }
}
