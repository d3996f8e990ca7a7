using HealthDw.Core.Doctor;

namespace HealthDw.Warehouse.Snowflake.Doctor;

/// <summary>Snowflake answers the SQL API as the configured account and user, signed with the configured key: a statement
/// with no role, warehouse or database in the request, so that a misnamed one cannot hide whether sign-in works.</summary>
internal sealed class SnowflakeConnectionCheck(SnowflakeSqlClient client, SnowflakeDoctorSettings settings, Uri accountUrl) : IDoctorCheck
{
    public const string CheckName = "snowflake";

    public string Name => CheckName;

    public IReadOnlyList<string> Needs => [];

    public async Task<DoctorFinding> RunAsync(CancellationToken ct)
    {
        try
        {
            var result = await client.ExecuteAsync(new SnowflakeStatement("select current_account(), current_user()"), ct);
            var row = result.Rows.FirstOrDefault() ?? [];
            return DoctorFinding.Ok(Name, $"{accountUrl.Host}: signed in as {string.Join(" / ", row)} with the key pair");
        }
        catch (SnowflakeAuthenticationException e)
        {
            return DoctorFinding.Fail(Name, $"Snowflake refused the key-pair sign-in of {settings.Account}.{settings.User} (HTTP {e.StatusCode})",
                $"check the account and user in {settings.ConfiguredIn}, and that DESC USER {settings.User} shows the RSA_PUBLIC_KEY_FP of the private key given");
        }
        catch (Exception e) when (e is HttpRequestException or SnowflakeTransientException or TaskCanceledException)
        {
            return DoctorFinding.Fail(Name, $"no answer from {accountUrl.Host} ({e.GetType().Name})",
                $"check the account identifier in {settings.ConfiguredIn} (the URL is https://<account>.snowflakecomputing.com) and the network");
        }
    }
}
