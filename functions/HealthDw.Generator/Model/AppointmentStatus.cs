namespace HealthDw.Generator.Model;

internal enum AppointmentStatus
{
    Completed,
    NoShow,
    Cancelled,
    Scheduled,
}
