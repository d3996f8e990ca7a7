using System.Text;
using HealthDw.Core.Configuration;
using HealthDw.Core.Loading;
using HealthDw.Core.Pipeline;
using HealthDw.Core.Ports;
using HealthDw.Core.Routing;
using HealthDw.Snowflake.Tests.Support;
using HealthDw.Warehouse.Snowflake;
using Xunit.Abstractions;

namespace HealthDw.Snowflake.Tests.Loading;

/// <summary>The COPY the stage loader sends, for every shipped route and contract.</summary>
public sealed class CopyStatementTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly Guid LoadId = Guid.Parse("0196a0c2-3333-7000-8000-000000000003");
    private static readonly DateTimeOffset StartedAt = new(2026, 11, 21, 2, 3, 4, TimeSpan.Zero);

    private readonly StageLoaderFixture _f = new();

    public static TheoryData<string> Tables => ShippedConfig.Tables();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _f.DisposeAsync();

    [Theory]
    [MemberData(nameof(Tables))]
    public void CopyStatement_ForEveryShippedContract_ShouldCopyTheFileFromTheStageWithTheLocalCsvRules(string table)
    {
        // The doctor's canary has a route of its own (and no parts); every other table follows the shared file pattern.
        var name = table == HealthDw.Core.Doctor.CanaryFile.Table
            ? HealthDw.Core.Doctor.CanaryFile.For(new DateTimeOffset(2026, 11, 21, 2, 0, 0, TimeSpan.Zero), Guid.Empty).FileName
            : $"{table}_20261121T0200_part2.csv";
        var decision = ShippedConfig.Pipeline.Routes.Resolve("raw_files/" + name);
        decision.Kind.Should().Be(RouteKind.Routed);
        var contract = ShippedConfig.Contract(decision.Table!);
        var file = RoutedFile.Of(new ObjectRef("drops", "raw_files/" + name, 1000, "etag-7", "v-7"), decision.Table!, new DropId(decision.DropId!), decision.Part);

        var copy = _f.Loader.CopyStatement(file, contract, LoadId, StartedAt);

        output.WriteLine($"-- {contract.SourceFile}\n{copy};\n");
        var columns = string.Join(", ", contract.Columns.Select(c => c.Name.ToLowerInvariant()));
        var fields = string.Join(", ", contract.Columns.Select((_, i) => $"t.${i + 1}"));
        copy.Should().StartWith(
            $"copy into staging._load_0196a0c2333370008000000000000003 ({columns}, _source_line, _source_key, _source_version, _load_id, _loaded_at)\n" +
            $"from (\n    select {fields},\n" +
            "           metadata$file_row_number + 1,\n" +
            $"           'raw_files/{name}',\n" +
            "           'v-7',\n" +
            "           '0196a0c2-3333-7000-8000-000000000003',\n" +
            "           to_timestamp_ltz('2026-11-21 02:03:04.000 +00:00', 'YYYY-MM-DD HH24:MI:SS.FF3 TZH:TZM')\n" +
            "    from @staging.raw_stage t\n)\n" +
            $"files = ('raw_files/{name}')\n");
        foreach (var clause in new[]
                 {
                     "type = csv", "field_delimiter = ','", "skip_header = 1", "skip_blank_lines = true", "field_optionally_enclosed_by = '\"'", "escape = none",
                     "escape_unenclosed_field = none", "encoding = 'UTF8'", "empty_field_as_null = true", "null_if = ()",
                     "error_on_column_count_mismatch = true", "date_format = 'YYYY-MM-DD'", "timestamp_format = 'YYYY-MM-DD HH24:MI:SS'",
                 })
        {
            copy.Should().Contain($"\n    {clause}\n");
        }

        copy.Should().EndWith(")\non_error = abort_statement\nenforce_length = true\nforce = true");
    }

    /// <summary>COPY INTO &lt;table&gt; reference, format type option COMPRESSION: the file format names the compression the
    /// loader's own check read the file with (by its name), so Snowflake reads the same text.</summary>
    [Theory]
    [InlineData("raw_files/chart_appointment_20261121T0200.csv.gz", "gzip")]
    [InlineData("raw_files/chart_appointment_20261121T0200_part2.CSV.GZ", "gzip")]
    [InlineData("raw_files/chart_appointment_20261121T0200.csv", "none")]
    public void CopyStatement_ForACompressedOrPlainFile_ShouldNameItsCompression(string key, string compression)
    {
        var copy = _f.Loader.CopyStatement(StageLoaderFixture.File(key), StageLoaderFixture.Appointment, LoadId, StartedAt);

        copy.Should().Contain($"\n    compression = {compression}\n");
    }

    [Fact]
    public void CopyStatement_WhenTheKeyHasQuotesOrBackslashes_ShouldEscapeThemInEveryLiteral()
    {
        var file = StageLoaderFixture.File(@"raw_files/o'brien\chart_appointment_20261121T0200.csv");

        var copy = _f.Loader.CopyStatement(file, StageLoaderFixture.Appointment, LoadId, StartedAt);

        copy.Should().Contain(@"files = ('raw_files/o''brien\\chart_appointment_20261121T0200.csv')")
            .And.Contain(@"           'raw_files/o''brien\\chart_appointment_20261121T0200.csv',");
    }

    [Fact]
    public async Task CopyStatement_ShouldUseTheConfiguredStageAndFormats()
    {
        await using var f = new StageLoaderFixture(new SnowflakeStageOptions { Stage = "@healthdw.staging.vendor_stage", TimestampFormat = "AUTO" });

        var copy = f.Loader.CopyStatement(StageLoaderFixture.File(), StageLoaderFixture.Appointment, LoadId, StartedAt);

        copy.Should().Contain("    from @healthdw.staging.vendor_stage t\n").And.Contain("\n    timestamp_format = 'AUTO'\n");
    }

    [Fact]
    public async Task StartAsync_WhenTheContractIgnoresExtraColumns_ShouldMapFieldsFromTheFilesHeader()
    {
        var contract = StageLoaderFixture.Appointment with { ExtraColumns = ExtraColumns.Ignore, SourceFile = "contracts/chart/appointment.yml" };
        var header = "APPTPK,CLINIC_NOTE,PATIENT_UID,PROVIDER_UID,LOCATIONPK,APPT_START,VISIT_TYPE,STATUS,UPDATE_AT,EXPORTED_BY\n1,x,2,3,4,2026-11-21 02:00:00,a,b,2026-11-21 02:00:00,y\n";
        await using var f = new StageLoaderFixture(store: new FileStore(Encoding.UTF8.GetBytes(header)));
        f.Api.On(@"^copy into staging\._load_", StageLoaderFixture.Copied(1));

        var step = await f.Loader.StartAsync(StageLoaderFixture.File(), contract, default);

        step.Outcome!.Status.Should().Be(LoadStatus.Loaded);
        f.Api.Statements.Single(s => s.StartsWith("copy into", StringComparison.Ordinal))
            .Should().Contain("select t.$1, t.$3, t.$4, t.$5, t.$6, t.$7, t.$8, t.$9,\n");
    }

    [Fact]
    public async Task StartAsync_WhenTheContractIgnoresExtraColumnsButNoStoreIsGiven_ShouldSaySo()
    {
        var contract = StageLoaderFixture.Appointment with { ExtraColumns = ExtraColumns.Ignore };

        var act = () => _f.Loader.StartAsync(StageLoaderFixture.File(), contract, default);

        (await act.Should().ThrowAsync<NotSupportedException>()).Which.Message.Should().Contain("object store");
    }

    /// <summary>An object store that serves one file: its first bytes (the header) and the whole of it (the contract check).</summary>
    private sealed class FileStore(byte[] content) : IObjectStore
    {
        public string Bucket => "drops";

        public Task<byte[]> ReadPrefixAsync(ObjectRef version, int length, CancellationToken ct) => Task.FromResult(content.Take(length).ToArray());

        /// <summary>The key still holds the version the load names (see StageLoaderFixture.File).</summary>
        public Task<ObjectRef?> HeadAsync(string key, CancellationToken ct) =>
            Task.FromResult<ObjectRef?>(StageLoaderFixture.File(key).Object);

        public Task<Stream> OpenReadAsync(ObjectRef version, CancellationToken ct) => Task.FromResult<Stream>(new MemoryStream(content));

        public Task PutAsync(string key, Stream content, CancellationToken ct) => throw new NotSupportedException();

        public Task MoveAsync(ObjectRef version, string toKey, CancellationToken ct) => throw new NotSupportedException();

        public Task DeleteVersionAsync(ObjectRef version, CancellationToken ct) => throw new NotSupportedException();

        public Task DeleteAsync(string key, CancellationToken ct) => throw new NotSupportedException();

        public Task<bool> ExistsAsync(string key, CancellationToken ct) => throw new NotSupportedException();

        public IAsyncEnumerable<ObjectRef> ListAsync(string prefix, CancellationToken ct) => throw new NotSupportedException();
    }
}
