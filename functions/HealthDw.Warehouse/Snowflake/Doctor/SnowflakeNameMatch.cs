using HealthDw.Core.Doctor;

namespace HealthDw.Warehouse.Snowflake.Doctor;

/// <summary>Compares a configured name, as Snowflake resolves it, with the names SHOW listed: exactly, because the SQL
/// API's context fields are case-sensitive. A name that differs only in case gets a fix that says how to write it.</summary>
internal static class SnowflakeNameMatch
{
    public static DoctorFinding Judge(string check, string what, string configured, SnowflakeIdentifier resolved, IReadOnlyList<string> shown,
        string whenMissing, string configuredIn)
    {
        if (shown.Contains(resolved.Name, StringComparer.Ordinal))
            return DoctorFinding.Ok(check, $"{what} {resolved.Name} exists");
        if (shown.FirstOrDefault(s => string.Equals(s, resolved.Name, StringComparison.OrdinalIgnoreCase)) is { } stored)
        {
            var writeIt = stored == stored.ToUpperInvariant() ? $"{stored.ToLowerInvariant()} (unquoted: Snowflake upper-cases it)" : $"\"{stored}\" (with its double quotes)";
            return DoctorFinding.Fail(check, $"{what} is configured as {configured}, which Snowflake reads as {resolved.Name}; it is stored as {stored}",
                $"configure the {what} as {writeIt} in {configuredIn}");
        }

        return DoctorFinding.Fail(check, $"no {what} {resolved.Name} visible to the pipeline's user", whenMissing);
    }

    /// <summary>A configured name that is no identifier at all.</summary>
    public static DoctorFinding Illegal(string check, string what, ArgumentException e, string configuredIn) =>
        DoctorFinding.Fail(check, e.Message.Split(" (Parameter", 2)[0], $"correct the {what} in {configuredIn}");
}
