using System.Security.Cryptography;
using HealthDw.Warehouse.Snowflake;
using HealthDw.Snowflake.Tests.Emulator;
using HealthDw.Warehouse.Snowflake.Auth;

namespace HealthDw.Snowflake.Tests.Support;

/// <summary>A client wired to a fake SQL API on loopback, signing with the fixture key on a virtual clock, configured with the
/// names of the shipped <c>infra-cdk/stages.json</c>; the fake refuses any context the shipped <c>setup.sql</c> did not create.</summary>
internal sealed class SnowflakeHarness : IAsyncDisposable
{
    public const string Account = "myorg-myaccount";
    public const string User = "etl_user";

    private readonly RSA _publicKey;
    private readonly SnowflakeKeyPair _key;
    private readonly HttpClient _http;

    public static readonly ShippedSnowflakeNames Shipped = ShippedSnowflakeNames.Dev;

    public static readonly DateTimeOffset Start = new(2026, 11, 21, 2, 0, 0, TimeSpan.Zero);

    public SnowflakeHarness(Func<SnowflakeOptions, SnowflakeOptions>? configure = null)
    {
        Clock = new VirtualClock(Start);
        _key = SnowflakeKeyPair.FromPem(TestKeys.Pem);
        _publicKey = RSA.Create();
        _publicKey.ImportFromPem(TestKeys.Pem);
        Tokens = new SnowflakeJwtIssuer(_key, Account, User, Clock);
        Server = FakeSnowflakeServer.Start(
            new JwtVerifier(_publicKey, "MYORG-MYACCOUNT.ETL_USER." + TestKeys.OpenSslFingerprint, "MYORG-MYACCOUNT.ETL_USER"),
            () => Clock.Now);
        Server.Account = EmulatedAccount.FromShippedSetup(); // what a deployed account holds once setup.sql has run
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var options = new SnowflakeOptions
        {
            AccountUrl = Server.BaseUri,
            Account = Account,
            User = User,
            // As a deployed stage is configured (lower case, unquoted): the client must send the names as Snowflake stores them.
            Role = Shipped.Role,
            Warehouse = Shipped.Warehouse,
            Database = Shipped.Database,
            Schema = "staging",
            MaxAttempts = 4,
        };
        Options = configure?.Invoke(options) ?? options;
        Client = new SnowflakeSqlClient(_http, Options, Tokens, Clock, Clock);
    }

    public VirtualClock Clock { get; }

    public SnowflakeJwtIssuer Tokens { get; }

    public FakeSnowflakeServer Server { get; }

    public SnowflakeOptions Options { get; }

    public SnowflakeSqlClient Client { get; }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _http.Dispose();
        _key.Dispose();
        _publicKey.Dispose();
    }
}
