namespace HealthDw.Generator.Model;

/// <summary>One chart_appointment row before formatting (times in Unix seconds).</summary>
internal readonly record struct AppointmentRecord(
    long Index,
    long ApptPk,
    long PatientIndex,
    long ProviderIndex,
    long LocationPk,
    long Start,
    int VisitType,
    AppointmentStatus Status,
    long UpdateAt);
