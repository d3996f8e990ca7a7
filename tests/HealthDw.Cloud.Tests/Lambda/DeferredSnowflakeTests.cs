using System.Security.Cryptography;
using System.Text.Json;
using HealthDw.Cloud.Tests.Secrets;
using HealthDw.Cloud.Tests.Support;
using HealthDw.Core.Ports;
using HealthDw.Functions;
using HealthDw.Hosting.Configuration;
using HealthDw.Hosting.Notify;
using HealthDw.Hosting.Secrets;
using HealthDw.Hosting.Snowflake;
using HealthDw.Functions.Steps;
using HealthDw.Lambda;
using HealthDw.Storage;
using HealthDw.Warehouse.Snowflake;

namespace HealthDw.Cloud.Tests.Lambda;

/// <summary>
/// One warm execution environment of the Lambda host on Snowflake: the deferred Snowflake set-up reads the key through the
/// Parameters and Secrets extension (the stub, slow to start as the real one can be: "Use AWS Secrets Manager secrets in AWS
/// Lambda functions") and talks to a stub SQL API; each call is a step invocation through <see cref="StepHandlerTable"/>, as
/// the host runs it. A passing failure must end the invocation as <c>HealthDw.TransientError</c> (which the state machines
/// retry) and must not poison the environment: the next invocation builds again.
/// </summary>
public sealed class DeferredSnowflakeTests : IAsyncLifetime
{
    private const string KeySecretId = "healthdw/dev/snowflake-private-key";
    private const string Drop = "20261121T0200";

    private static readonly string EmptyResult = """
        {"resultSetMetaData":{"numRows":0,"format":"jsonv2","rowType":[{"name":"X","database":"","schema":"","table":"","type":"text","nullable":true,"length":16777216}],
         "partitionInfo":[{"rowCount":0,"uncompressedSize":0}]},
         "data":[],"code":"090001","statementStatusUrl":"/api/v2/statements/h1","sqlState":"00000","statementHandle":"h1",
         "message":"Statement executed successfully.","createdOn":1620151584132}
        """;

    private readonly SecretsExtensionStub _extension = new();
    private readonly List<TimeSpan> _waits = [];
    private readonly string _bucket = Path.Combine(Path.GetTempPath(), "healthdw-deferred-" + Guid.NewGuid().ToString("N"));
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private LoopbackHttpServer _sqlApi = null!;
    private Func<StubResponse> _sqlAnswer = () => StubResponse.Text(200, EmptyResult);
    private StepHandler _dropStatus = null!;
    private readonly SettableClock _clock = new();

    private sealed class SettableClock : IClock
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 21, 2, 0, 0, TimeSpan.Zero);

        public Guid NewId() => Guid.NewGuid();
    }

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_bucket);
        using var rsa = RSA.Create(2048);
        _extension.Add(KeySecretId, rsa.ExportPkcs8PrivateKeyPem());
        _sqlApi = new LoopbackHttpServer((_, _) => Task.FromResult(_sqlAnswer()));
        var env = _extension.Environment();
        foreach (var (name, value) in new[]
                 {
                     ("HEALTHDW_SNOWFLAKE_ACCOUNT", "myorg-myaccount"), ("HEALTHDW_SNOWFLAKE_USER", "healthdw_svc"),
                     ("HEALTHDW_SNOWFLAKE_URL", $"http://{_sqlApi.HostAndPort}/"), ("HEALTHDW_SNOWFLAKE_KEY_SECRET_ID", KeySecretId),
                     ("HEALTHDW_SNOWFLAKE_ROLE", "healthdw_loader"), ("HEALTHDW_SNOWFLAKE_WAREHOUSE", "healthdw_wh"),
                     ("HEALTHDW_SNOWFLAKE_DATABASE", "healthdw"), ("HEALTHDW_SNOWFLAKE_STAGE", "@healthdw.staging.raw_stage"),
                 })
        {
            env.Set(name, value);
        }

        var secrets = new LambdaExtensionSecrets(_http, env, (wait, _) =>
        {
            lock (_waits)
                _waits.Add(wait);
            return Task.CompletedTask;
        }, () => _clock.Now);
        var store = new FolderObjectStore(_bucket, "drops");
        var clock = _clock;
        var snowflake = new DeferredSnowflake(env, _http, secrets, store, clock);
        var (config, analytics) = ConfigFolder.LoadAll(Path.Combine(RepoPaths.Root(), "warehouse"));
        var ports = new StepPorts(config, analytics, store, snowflake.Warehouse, snowflake.Loader, snowflake.Sql, snowflake.Statements, new SnowflakeDialect(),
            snowflake.History, snowflake.Alerts, new LogNotifier(TextWriter.Null), clock, _ => null);
        _dropStatus = new StepHandlerTable(ports).Handlers[StepHandlerTable.DropStatus];
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _extension.DisposeAsync();
        await _sqlApi.DisposeAsync();
        _http.Dispose();
        Directory.Delete(_bucket, recursive: true);
    }

    [Fact]
    public async Task Invoke_WhenTheExtensionIsNotReadyThroughTheFirstInvocation_ShouldFailItTransientlyAndSucceedOnTheNext()
    {
        _extension.NotReadyFor(LambdaExtensionSecrets.MaxAttempts);

        var first = () => InvokeAsync();
        var failed = (await first.Should().ThrowAsync<StepFailedException>()).Which;
        await InvokeAsync();
        await InvokeAsync();

        failed.ErrorName.Should().Be(StepFailedException.Transient, "the state machine retries HealthDw.TransientError, not HealthDw.StepError");
        failed.Message.Should().Contain("not ready");
        _extension.Requests.Should().HaveCount(LambdaExtensionSecrets.MaxAttempts + 1,
            "the failed set-up is built again by the next invocation, and the one that succeeded is kept");
        _sqlApi.Requests.Should().NotBeEmpty();
    }

    [Fact]
    public async Task Invoke_WhenTheExtensionIsNotReadyForItsFirstCallsOnly_ShouldSucceedFirstTime()
    {
        _extension.NotReadyFor(2);

        await InvokeAsync();

        _extension.Requests.Should().HaveCount(3);
        _waits.Should().HaveCount(2);
    }

    [Fact]
    public async Task Invoke_WhenTheSecretIsMissing_ShouldFailAsAStepErrorAndLookAgainNextTime()
    {
        _extension.FailFirst(1, StubResponse.Text(400, "ResourceNotFoundException: Secrets Manager can't find the specified secret."));

        var first = () => InvokeAsync();
        (await first.Should().ThrowAsync<StepFailedException>()).Which.ErrorName.Should().Be(StepFailedException.Failed,
            "a missing secret does not pass by retrying the step");
        await InvokeAsync();

        _extension.Requests.Should().HaveCount(2, "once the secret is there (set out of band), the same environment finds it");
    }

    [Fact]
    public async Task Invoke_WhenTwoInvocationsNeedTheSetUpAtOnce_ShouldShareOneBuild()
    {
        _extension.HoldAnswers();

        var both = Task.WhenAll(InvokeAsync(), InvokeAsync());
        await _extension.WaitForCallsAsync(1);
        _extension.ReleaseAnswers();
        await both;

        _extension.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task Invoke_WhenSnowflakeAsksToRetryLaterThanTheClientWaits_ShouldFailAsATransientError()
    {
        _sqlAnswer = () => StubResponse.Text(429, """{"code":"000000","message":"Too many requests"}""",
            new Dictionary<string, string> { ["Retry-After"] = "120" });

        var invoke = () => InvokeAsync();

        (await invoke.Should().ThrowAsync<StepFailedException>()).Which.ErrorName.Should().Be(StepFailedException.Transient,
            "SnowflakeTransientException says the call may succeed later");
    }

    /// <summary>A rotated key pair reaches a warm environment once the secrets' TTL has passed: the set-up is built again
    /// and reads the key anew (Snowflake, "Configuring key-pair rotation": the old key is unset after the switch).</summary>
    [Fact]
    public async Task Invoke_WhenTheSecretsTtlHasPassed_ShouldBuildAgainAndReadTheKeyAnew()
    {
        await InvokeAsync();
        _clock.Now += LambdaExtensionSecrets.CacheFor - TimeSpan.FromSeconds(1);
        await InvokeAsync();
        _extension.Requests.Should().ContainSingle("within the TTL the set-up and its key are kept");

        _clock.Now += TimeSpan.FromSeconds(1);
        await InvokeAsync();

        _extension.Requests.Should().HaveCount(2, "after the TTL the set-up is built again and reads the key anew");
    }

    private async Task InvokeAsync() =>
        await _dropStatus(JsonSerializer.SerializeToUtf8Bytes(new DropStatusRequest(new HealthDw.Core.Pipeline.DropId(Drop)), HealthDwJsonContext.Default.DropStatusRequest), CancellationToken.None);
}
