using System.Globalization;
using HealthDw.Generator.Data;

namespace HealthDw.Generator.Model;

/// <summary>
/// Users by index: patients [0, P), providers [P, P + providers), staff after. Each kind takes its keys from a range of
/// its own (patient p has UIDPK p + 1, provider k 200,000,001 + k, staff member s 300,000,001 + s; UID = 1,000,000 + UIDPK),
/// and a person's random stream is seeded from that key, not from the index: so a UID is the same person, of the same kind,
/// at every scale, and a second drop at another scale updates people instead of turning a provider into a patient.
/// </summary>
internal sealed class UserModel(DropPlan plan, int seed, long dropTime)
{
    private const long UidOffset = 1_000_000;

    /// <summary>Keys below this are patients' (MaxScale gives at most 100M patients).</summary>
    private const long ProviderKeyBase = 200_000_000;

    private const long StaffKeyBase = 300_000_000;

    private static readonly ulong Tag = Prng.Tag("register_users");

    /// <summary>UIDPK (and ADDRESSPK) of the user at <paramref name="index"/>.</summary>
    public long KeyOf(long index) =>
        index < plan.Patients ? index + 1
        : index < plan.Patients + plan.Providers ? ProviderKeyBase + (index - plan.Patients) + 1
        : StaffKeyBase + (index - plan.Patients - plan.Providers) + 1;

    public static long UidOfKey(long key) => UidOffset + key;

    public long PatientUid(long patientIndex) => UidOfKey(patientIndex + 1);

    public long ProviderUid(long providerIndex) => UidOfKey(ProviderKeyBase + providerIndex + 1);

    public UserRecord Get(long index)
    {
        var key = KeyOf(index);
        var rng = Prng.For(seed, Tag, key - 1);
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

        var uid = UidOfKey(key);
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

        return new UserRecord(index, key, uid, type, firstNames.Display[first], Names.Last.Display[last], email, gender, age, updateAt);
    }

    private static string PatientDomain(ref Prng rng) => rng.Below(3) switch
    {
        0 => "example.com",
        1 => "example.net",
        _ => "mail.example.org",
    };
}
