namespace HealthDw.Generator.Model;

internal enum UserType
{
    Patient,
    Provider,
    Staff,
}
