using HealthDw.Generator.Csv;
using HealthDw.Generator.Data;
using HealthDw.Generator.Model;

namespace HealthDw.Generator.Tables;

/// <summary>One payment per paid or adjusted claim; PAYMENTPK and CLAIMPK are the appointment's APPTPK, as <see cref="ClaimTable"/> assigns it.</summary>
internal sealed class PaymentTable() : TableSource(
    "billing_payment", "PAYMENTPK,CLAIMPK,AMOUNT,PAID_AT,METHOD,UPDATE_AT", 136_000)
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
            if (!claim.HasPayment)
            {
                continue;
            }

            rows++;
            csv.Int(appointment.ApptPk);
            csv.Int(appointment.ApptPk);
            csv.Cents(claim.PaymentCents);
            csv.Timestamp(claim.PaidAt);
            csv.Text(CareTerms.PaymentMethods[claim.PaymentMethod]);
            csv.Timestamp(claim.PaidAt);
            csv.EndRow();
        }

        return rows;
    }
}
