namespace HealthDw.Generator.Model;

/// <summary>One register_users row before formatting. <see cref="Email"/> is null when the EMR has none.</summary>
internal readonly record struct UserRecord(
    long Index,
    long UidPk,
    long Uid,
    UserType Type,
    string FirstName,
    string LastName,
    string? Email,
    char Gender,
    int Age,
    long UpdateAt);
