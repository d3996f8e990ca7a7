namespace HealthDw.Generator.Model;

/// <summary>
/// The claim of a completed appointment, computed from the appointment alone: one claim per
/// completed visit, paid or adjusted claims carry one payment (about 60% of claims).
/// </summary>
internal sealed class ClaimModel(CodeCatalog codes, int seed, long dropTime)
{
    private static readonly ulong Tag = Prng.Tag("billing_claim");

    public ClaimRecord Get(in AppointmentRecord appointment)
    {
        var rng = Prng.For(seed, Tag, appointment.Index);

        var p = rng.NextDouble();
        var payer = p switch // index into CareTerms.Payers, most frequent first
        {
            < 0.22 => 0,
            < 0.40 => 1,
            < 0.54 => 2,
            < 0.67 => 3,
            < 0.77 => 4,
            < 0.85 => 5,
            < 0.91 => 6,
            < 0.96 => 7,
            _ => 8,
        };

        var cpt = codes.PickCpt(ref rng);
        var price = codes.PriceCents(cpt);
        var billed = price + rng.Below((price / 10) + 1);
        var allowed = billed * rng.Between(40, 95) / 100;
        var submitted = Math.Min(dropTime, appointment.UpdateAt + rng.Between(3_600, 10 * DropClock.Day));

        var s = rng.NextDouble();
        var status = appointment.Index == 0 ? ClaimStatus.Paid
            : s < 0.12 ? ClaimStatus.Denied
            : s < 0.22 ? ClaimStatus.Adjusted
            : s < 0.75 ? ClaimStatus.Paid
            : ClaimStatus.Submitted;

        long updateAt = submitted, paidAt = 0, payment = 0;
        var method = 0;
        switch (status)
        {
            case ClaimStatus.Paid or ClaimStatus.Adjusted:
                paidAt = submitted + rng.Between(5 * DropClock.Day, 45 * DropClock.Day);
                if (paidAt > dropTime)
                {
                    // Not paid yet at drop time: the claim is still open.
                    status = ClaimStatus.Submitted;
                    paidAt = 0;
                    break;
                }

                payment = status == ClaimStatus.Paid
                    ? allowed - (rng.Chance(0.5) ? 0 : allowed * rng.Between(0, 20) / 100)
                    : allowed * rng.Between(50, 90) / 100;
                var m = rng.NextDouble();
                method = m < 0.7 ? 0 : m < 0.9 ? 1 : 2;
                updateAt = paidAt;
                break;
            case ClaimStatus.Denied:
                updateAt = Math.Min(dropTime, submitted + rng.Between(3 * DropClock.Day, 30 * DropClock.Day));
                break;
        }

        return new ClaimRecord(payer, codes.CptCodePk(cpt), billed, allowed, status, submitted, updateAt, paidAt, payment, method);
    }
}
