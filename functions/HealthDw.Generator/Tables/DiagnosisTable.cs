using HealthDw.Generator.Csv;
using HealthDw.Generator.Model;

namespace HealthDw.Generator.Tables;

/// <summary>
/// About 1.2 ICD10 diagnoses (at most <see cref="MaxPerAppointment"/>) per completed appointment, the first one primary.
/// DIAGPK is computed from APPTPK and the diagnosis's position, so it names the same diagnosis at every scale.
/// </summary>
internal sealed class DiagnosisTable() : TableSource(
    "chart_diagnosis", "DIAGPK,APPTPK,CODEPK,IS_PRIMARY,UPDATE_AT", 281_000)
{
    public const int MaxPerAppointment = 3;

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

            var rng = Prng.For(model.Seed, Tag, i);
            var u = rng.NextDouble();
            var count = u < 0.85 ? 1 : u < 0.95 ? 2 : 3;
            var previous = -1;
            for (var k = 0; k < count && rows < maxRows; k++)
            {
                var icd = model.Codes.PickIcd(ref rng);
                if (icd == previous)
                {
                    icd = (icd + 1) % model.Codes.IcdCodes;
                }

                previous = icd;
                rows++;
                csv.Int(((appointment.ApptPk - 1) * MaxPerAppointment) + k + 1);
                csv.Int(appointment.ApptPk);
                csv.Int(model.Codes.IcdCodePk(icd));
                csv.Bool(k == 0);
                csv.Timestamp(appointment.UpdateAt);
                csv.EndRow();
            }
        }

        return rows;
    }
}
