using System.Globalization;
using HealthDw.Generator.Data;

namespace HealthDw.Generator.Model;

/// <summary>
/// Users by index: patients [0, P), providers [P, P + providers), staff after. UIDPK = index + 1,
/// UID = 1,000,001 + index, so every id is computed, never looked up.
/// </summary>
internal sealed class UserModel(DropPlan plan, int seed, long dropTime)
{
    private const long UidBase = 1_000_001;
    private static readonly ulong Tag = Prng.Tag("register_users");

    public static long UidOf(long index) => UidBase + index;

    public long PatientUid(long patientIndex) => UidOf(patientIndex);

    public long ProviderUid(long providerIndex) => UidOf(plan.Patients + providerIndex);

    public UserRecord Get(long index)
    {
        var rng = Prng.For(seed, Tag, index);
        var type = index < plan.Patients ? UserType.Patient
            : index < plan.Patients + plan.Providers ? UserType.Provider
            : UserType.Staff;

        var g = rng.NextDouble();
        var gender = g < 0.5 ? 'F' : g < (type == UserType.Patient ? 0.98 : 0.99) ? 'M' : 'U';
        var firstNames = gender switch
        {
            'F' => Names.Female,
            'M' => Names.Male,
            _ => rng.Chance(0.5) ? Names.Female : Names.Male,
        };
        var first = rng.Below(firstNames.Count);
        var last = rng.Below(Names.Last.Count);

        var age = type switch
        {
            UserType.Patient => rng.Below(100),
            UserType.Provider => (int)rng.Between(25, 80),
            _ => (int)rng.Between(19, 70),
        };

        var uid = UidOf(index);
        string? email = null;
        if (type != UserType.Patient || !rng.Chance(0.01))
        {
            var domain = type == UserType.Patient ? PatientDomain(ref rng) : "clinic.example.org";
            email = string.Create(
                CultureInfo.InvariantCulture,
                $"{firstNames.Ascii[first]}.{Names.Last.Ascii[last]}.{uid}@{domain}");
        }

        // Most rows were last touched long ago; a few changed in the last two days.
        var updateAt = rng.Chance(0.05)
            ? dropTime - rng.Below(2 * DropClock.Day)
            : dropTime - rng.Below(730 * DropClock.Day);

        return new UserRecord(index, index + 1, uid, type, firstNames.Display[first], Names.Last.Display[last], email, gender, age, updateAt);
    }

    private static string PatientDomain(ref Prng rng) => rng.Below(3) switch
    {
        0 => "example.com",
        1 => "example.net",
        _ => "mail.example.org",
    };
}
