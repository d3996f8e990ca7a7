namespace HealthDw.Snowflake.Tests.Emulator;

/// <summary>A storage integration as <see cref="EmulatedAccount"/> stores it: the IAM role it assumes, its allowed locations
/// (as DESC INTEGRATION lists them, comma-separated), its owner (the role that created it) and the roles granted USAGE on it.</summary>
internal sealed record EmulatedIntegration(string Name, string RoleArn, string AllowedLocations, bool Enabled, string Owner, IReadOnlyList<string> UsageRoles)
{
    /// <summary>The owner or a role granted USAGE. Inherited privileges (a role granted to another) are not followed: the fake
    /// refuses what a hierarchy might allow, never the other way round.</summary>
    public bool Allows(string role) => Owner == role || UsageRoles.Contains(role, StringComparer.Ordinal);
}
