using System.Globalization;
using System.Text.RegularExpressions;
using HealthDw.Core.Configuration;
using HealthDw.Core.Loading;
using HealthDw.Core.Pipeline;
using HealthDw.Core.Ports;
using HealthDw.Snowflake.Tests.Support;
using HealthDw.Snowflake.Tests.Warehouse;
using HealthDw.Warehouse.Snowflake;

namespace HealthDw.Snowflake.Tests.Loading;

/// <summary>A stage loader over the scripted SQL API, with the statements of a clean load scripted: the ledger has no row
/// for the file, the COPY loads it, the referenced tables have files of the drop, no row breaks a key.</summary>
internal sealed partial class StageLoaderFixture : IAsyncDisposable
{
    public const string Drop = "20261121T0200";
    public const string Key = "raw_files/chart_appointment_20261121T0200.csv";

    public static readonly ScriptedColumn[] CopyColumns =
        [.. SnowflakeBodies.CopyColumns.Select(c => new ScriptedColumn(c.Name, c.Type))];

    public static readonly ScriptedColumn[] ViolationColumns =
        [new("RULE", "text"), new("COLUMN_NAME", "text"), new("TOTAL", "fixed"), new("_SOURCE_LINE", "fixed")];

    public StageLoaderFixture(SnowflakeStageOptions? options = null, IObjectStore? store = null)
    {
        Api = new ScriptedSqlApi(Harness.Server);
        Warehouse = new SnowflakeWarehouse(Harness.Client);
        // Scripted statements, no files behind them: Snowflake's COPY is the only judge here (the check before it is tested
        // with real files in the Behaviour suite).
        Options = (options ?? new SnowflakeStageOptions()) with { CheckFilesFirst = store is not null };
        Loader = new SnowflakeStageLoader(Harness.Client, Warehouse, Options, Harness.Clock, Harness.Clock, store);
        Api.On("^select load_id, bucket", ScriptedAnswer.Empty(SnowflakeWarehouseTests.LedgerColumns));
        Api.On(@"^copy into staging\._load_", Copied(5000));
        Api.On(@"^select distinct table_name from audit\.load_ledger",
            ScriptedAnswer.Table([new("TABLE_NAME", "text")], ["register_users"], ["register_location"]));
        Api.On("^with v as", ScriptedAnswer.Empty(ViolationColumns));
    }

    public SnowflakeHarness Harness { get; } = new();

    public ScriptedSqlApi Api { get; }

    public SnowflakeWarehouse Warehouse { get; }

    public SnowflakeStageOptions Options { get; }

    public SnowflakeStageLoader Loader { get; }

    public static TableContract Appointment => ShippedConfig.Contract("chart_appointment");

    public static RoutedFile File(string key = Key, long size = 450_000) =>
        RoutedFile.Of(new ObjectRef("drops", key, size, "etag-1", null), "chart_appointment", new DropId(Drop), null);

    public static ScriptedAnswer Copied(long rows, string key = Key) =>
        ScriptedAnswer.Table(CopyColumns,
            [$"s3://drops/{key}", "LOADED", Text(rows), Text(rows), "1", "0", null, null, null, null]);

    public static ScriptedAnswer CopyFailed(string message) => new ScriptedAnswer.Failure("100038", "22018", message);

    /// <summary>The id of the load, read from the per-load table it created.</summary>
    public Guid LoadId()
    {
        var m = Api.Statements.Select(s => LoadTablePattern().Match(s)).First(m => m.Success);
        return Guid.ParseExact(m.Groups[1].Value, "N");
    }

    /// <summary>Requests whose first statement starts with the text.</summary>
    public IReadOnlyList<ScriptedRequest> RequestsStartingWith(string text) =>
        [.. Api.Requests.Where(r => r.Statements[0].StartsWith(text, StringComparison.Ordinal))];

    public ScriptedRequest? CommitRequest => Api.Requests.SingleOrDefault(r => r.Statements.Any(s => s.StartsWith("merge into audit.load_ledger", StringComparison.Ordinal)));

    public ValueTask DisposeAsync() => Harness.DisposeAsync();

    private static string Text(long n) => n.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("staging\\._load_([0-9a-f]{32})")]
    private static partial Regex LoadTablePattern();
}
