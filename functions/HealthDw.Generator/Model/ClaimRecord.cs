namespace HealthDw.Generator.Model;

/// <summary>
/// One billing_claim row (and its payment, when <see cref="HasPayment"/>) before formatting.
/// Amounts in cents; times in Unix seconds.
/// </summary>
internal readonly record struct ClaimRecord(
    int Payer,
    long CptCodePk,
    long BilledCents,
    long AllowedCents,
    ClaimStatus Status,
    long SubmittedAt,
    long UpdateAt,
    long PaidAt,
    long PaymentCents,
    int PaymentMethod)
{
    public bool HasPayment => Status is ClaimStatus.Paid or ClaimStatus.Adjusted;
}
