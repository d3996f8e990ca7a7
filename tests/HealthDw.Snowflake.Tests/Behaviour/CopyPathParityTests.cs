using System.Text;
using HealthDw.Core.Loading;
using HealthDw.Core.Pipeline;
using HealthDw.Core.Validation;
using HealthDw.Tests.Support;
using static HealthDw.Snowflake.Tests.Behaviour.BehaviourConfig;

namespace HealthDw.Snowflake.Tests.Behaviour;

/// <summary>
/// The Snowflake loader's own judgement, without the contract check that runs before its COPY on Lambda: a bad cell must
/// stop the COPY (ON_ERROR = ABORT_STATEMENT), and the loader must turn Snowflake's message into the problem the local
/// loader reports for the same file (rule, line, column), without the cell's value; an empty non-null cell is found by the
/// row-check query. Each file goes to PostgreSQL and to the emulator, and the answers are compared.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class CopyPathParityTests(PostgresFixture postgres)
{
    private const string Drop = "20261121T0200";
    private const string Header = "provider_id,npi,name,started,active,rate\n";
    private const string GoodRow = "1,1234567890,Ada Lovelace,2020-01-15,true,120.50\n";

    [Theory]
    [InlineData("2,SECRET9999,Bob,2021-06-30,false,abc\n", "a number that is not one")]
    [InlineData("2,12345678901,Bob,2021-06-30,false,99.99\n", "a value longer than its varchar")]
    [InlineData("2,SECRET9999,Bob,2021-02-30,false,99.99\n", "a day that does not exist")]
    [InlineData("2,SECRET9999,Bob,2021-06-30,maybe,99.99\n", "a boolean that is not one")]
    [InlineData("x2,SECRET9999,Bob,2021-06-30,false,99.99\n", "a key that is not a number")]
    [InlineData("2,,Bob,2021-06-30,false,99.99\n", "an empty non-null cell")]
    public async Task LoadAsync_WhenOnlyTheCopyJudgesABadRow_ShouldReportWhatTheLocalLoaderReports(string badRow, string because)
    {
        var csv = Header + GoodRow + badRow + "3,1111111111,Cy,2022-01-01,true,10.00\n";

        var local = await LoadAsync(PostgresWarehouseBehaviour.CreateAsync, csv);
        var cloud = await LoadAsync((p, root) => SnowflakeWarehouseBehaviour.CreateAsync(p, root, checkFilesFirst: false), csv);

        local.Status.Should().Be(LoadStatus.Rejected, because);
        cloud.Status.Should().Be(LoadStatus.Rejected, because);
        cloud.Problems.Select(p => (p.Rule, p.Line, p.Column, p.ColumnName))
            .Should().Equal(local.Problems.Select(p => (p.Rule, p.Line, p.Column, p.ColumnName)), because);
        cloud.Problems.Should().OnlyContain(p => !p.ToString().Contains("SECRET", StringComparison.Ordinal) && !p.ToString().Contains("abc", StringComparison.Ordinal)
            && !p.ToString().Contains("maybe", StringComparison.Ordinal), "a cell's value never leaves the warehouse adapter");
    }

    /// <summary>Issue 12, item 7: exporters often end a file with an extra line break or two. Blank lines at the end are not
    /// data, on both warehouses, with and without the contract check before the COPY (Snowflake CREATE FILE FORMAT:
    /// SKIP_BLANK_LINES, whose default makes a blank line an end-of-record error).</summary>
    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n\r\n")]
    [InlineData("\n\n\n")]
    public async Task LoadAsync_WhenTheFileEndsWithBlankLines_ShouldLoadItsRowsOnBothWarehouses(string tail)
    {
        var csv = Header + GoodRow + "3,1111111111,Cy,2022-01-01,true,10.00\n" + tail;

        var local = await LoadAsync(PostgresWarehouseBehaviour.CreateAsync, csv);
        var checkedFirst = await LoadAsync((p, root) => SnowflakeWarehouseBehaviour.CreateAsync(p, root), csv);
        var copyOnly = await LoadAsync((p, root) => SnowflakeWarehouseBehaviour.CreateAsync(p, root, checkFilesFirst: false), csv);

        foreach (var outcome in new[] { local, checkedFirst, copyOnly })
        {
            outcome.Problems.Should().BeEmpty();
            outcome.Status.Should().Be(LoadStatus.Loaded);
            outcome.Rows.Should().Be(2);
        }
    }

    [Fact]
    public async Task LoadAsync_WhenABlankLineIsBetweenRows_ShouldRejectItAtItsLineOnBothWarehouses()
    {
        var csv = Header + GoodRow + "\n" + "3,1111111111,Cy,2022-01-01,true,10.00\n\n";

        var local = await LoadAsync(PostgresWarehouseBehaviour.CreateAsync, csv);
        var cloud = await LoadAsync((p, root) => SnowflakeWarehouseBehaviour.CreateAsync(p, root), csv);

        foreach (var outcome in new[] { local, cloud })
        {
            outcome.Status.Should().Be(LoadStatus.Rejected);
            outcome.Problems.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Rule = Rules.FieldCount, Line = 3L });
        }
    }

    /// <summary>Issue 12, item 2: a NUL byte is valid UTF-8 but no PostgreSQL text can hold it. It must be a positioned
    /// rejection on both warehouses (the Snowflake path shares the contract check), never a failed step quoting
    /// PostgreSQL's "invalid byte sequence".</summary>
    [Theory]
    [InlineData("2,SECRET9999,Bo\0b,2021-06-30,false,99.99\n", 3, "name")]
    [InlineData("2,SECRE\0T99,Bob,2021-06-30,false,99.99\n", 2, "npi")]
    public async Task LoadAsync_WhenATextCellHoldsANulByte_ShouldRejectItsLineAndColumnOnBothWarehouses(string badRow, int column, string name)
    {
        var csv = Header + GoodRow + badRow;

        var local = await LoadAsync(PostgresWarehouseBehaviour.CreateAsync, csv);
        var cloud = await LoadAsync((p, root) => SnowflakeWarehouseBehaviour.CreateAsync(p, root), csv);

        foreach (var outcome in new[] { local, cloud })
        {
            outcome.Status.Should().Be(LoadStatus.Rejected);
            outcome.Problems.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Rule = Rules.Encoding, Line = 3L, Column = column, ColumnName = name });
            outcome.Problems.Should().OnlyContain(p => !p.ToString().Contains("SECRE", StringComparison.Ordinal));
        }
    }

    private async Task<LoadOutcome> LoadAsync(Func<PostgresFixture, string, Task<WarehouseUnderTest>> create, string csv)
    {
        using var bucket = new TempFolder("healthdw-copy-path");
        await using var under = await create(postgres, bucket.Path);
        await under.Warehouse.EnsureSchemaAsync(Pipeline, default);
        var key = $"raw_files/{Provider}_{Drop}.csv";
        await using (var content = new MemoryStream(Encoding.UTF8.GetBytes(csv)))
            await under.Store.PutAsync(key, content, default);
        var head = await under.Store.HeadAsync(key, default);
        return await under.Loader.LoadAsync(RoutedFile.Of(head!, Provider, new DropId(Drop), null), Contract(Provider), null, default);
    }
}
