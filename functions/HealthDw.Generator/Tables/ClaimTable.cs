using HealthDw.Generator.Csv;
using HealthDw.Generator.Data;
using HealthDw.Generator.Model;

namespace HealthDw.Generator.Tables;

/// <summary>
/// One claim per completed appointment, in appointment order. CLAIMPK is the appointment's APPTPK (so keys have gaps):
/// a claim keeps its key at every scale, where a counter would give it to another appointment's claim in the next drop.
/// </summary>
internal sealed class ClaimTable() : TableSource(
    "billing_claim", "CLAIMPK,APPTPK,PAYER,CPT_CODEPK,BILLED_AMOUNT,ALLOWED_AMOUNT,STATUS,SUBMITTED_AT,UPDATE_AT", 234_000)
{
    public override long Write(DropModel model, CsvTableWriter csv, long maxRows)
    {
        long rows = 0;
        for (long i = 0; i < model.Plan.Appointments && rows < maxRows; i++)
        {
            var appointment = model.Appointments.Get(i);
            if (appointment.Status != AppointmentStatus.Completed)
            {
                continue;
            }

            var claim = model.Claims.Get(appointment);
            rows++;
            csv.Int(appointment.ApptPk);
            csv.Int(appointment.ApptPk);
            csv.Text(CareTerms.Payers[claim.Payer]);
            csv.Int(claim.CptCodePk);
            csv.Cents(claim.BilledCents);
            csv.Cents(claim.AllowedCents);
            csv.Literal(claim.Status switch
            {
                ClaimStatus.Paid => "paid"u8,
                ClaimStatus.Denied => "denied"u8,
                ClaimStatus.Adjusted => "adjusted"u8,
                _ => "submitted"u8,
            });
            csv.Timestamp(claim.SubmittedAt);
            csv.Timestamp(claim.UpdateAt);
            csv.EndRow();
        }

        return rows;
    }
}
