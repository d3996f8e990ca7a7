namespace HealthDw.Generator.Model;

/// <summary>How many of each entity a drop holds; derived from the scale, with floors.</summary>
internal sealed record DropPlan(
    long Patients,
    long Providers,
    long Staff,
    long Locations,
    int IcdCodes,
    int CptCodes,
    long Appointments)
{
    public const double MaxScale = 10_000;

    public long Users => Patients + Providers + Staff;

    public static DropPlan ForScale(double scale)
    {
        var patients = Scaled(10_000, scale, 20);
        return new DropPlan(
            Patients: patients,
            Providers: Scaled(200, scale, 3),
            Staff: Scaled(100, scale, 2),
            Locations: Scaled(20, scale, 3),
            IcdCodes: 350,
            CptCodes: 150,
            Appointments: patients * 30);
    }

    private static long Scaled(double atScaleOne, double scale, long floor) =>
        Math.Max(floor, (long)Math.Round(atScaleOne * scale, MidpointRounding.AwayFromZero));
}
