using HealthDw.Core.Configuration;
using HealthDw.Core.Loading;
using HealthDw.Core.Schema;
using static HealthDw.Snowflake.Tests.Behaviour.BehaviourConfig;

namespace HealthDw.Snowflake.Tests.Behaviour;

/// <summary>
/// A contract's type change between two drops (issue 12, item 1): applied when the warehouse can widen the column losing
/// nothing, refused as a configuration error otherwise, and never ignored (the old column type would round or cut the new
/// values). What each warehouse can change in place is <see cref="Limits"/> (Snowflake SQL reference, "ALTER TABLE … ALTER
/// COLUMN": a longer VARCHAR and a larger NUMBER precision only; the emulator refuses the rest as Snowflake does).
/// </summary>
public abstract partial class WarehouseBehaviour
{
    /// <summary>What the warehouse under test can change in place.</summary>
    protected abstract AlterLimits Limits { get; }

    private const string TypeDrop = "20261123T0200";

    [Fact]
    public async Task EnsureSchemaAsync_WhenADecimalGainsPrecision_ShouldWidenTheColumnAndKeepEveryValue()
    {
        await LoadAsync(await PutAsync(Provider, Drop, ProviderHeader + "1,1234567890,Ada,2020-01-15,true,120.50\n"));
        var widened = WithColumnType(Provider, "rate", "decimal(14,2)");

        await Warehouse.EnsureSchemaAsync(widened, Ct);
        var outcome = await LoadAsync(widened, await PutAsync(Provider, TypeDrop, ProviderHeader + "2,2234567890,Bob,2020-01-15,true,123456789012.25\n"));

        outcome.Status.Should().Be(LoadStatus.Loaded, "a 12-digit whole part fits decimal(14,2), not the old decimal(10,2)");
        RowsShouldBe(await Under.Sql.QueryAsync("select provider_id, rate from staging.provider order by provider_id", Ct),
            [1L, 120.50m], [2L, 123456789012.25m]);
    }

    [Fact]
    public async Task EnsureSchemaAsync_WhenAVarcharGrowsAndAnIntegerBecomesBigint_ShouldWidenBoth()
    {
        await LoadAsync(await PutAsync(Provider, Drop, Providers));
        var widened = WithColumnType(Provider, ("npi", "varchar(20)"), ("provider_id", "bigint"));

        await Warehouse.EnsureSchemaAsync(widened, Ct);
        await Warehouse.EnsureSchemaAsync(widened, Ct); // once widened, nothing more to change
        var outcome = await LoadAsync(widened, await PutAsync(Provider, TypeDrop, ProviderHeader + "9000000000,12345678901234567890,Cy,,,\n"));

        outcome.Status.Should().Be(LoadStatus.Loaded, "a 20-character npi and a 10-digit id fit the widened columns");
        RowsShouldBe(await Under.Sql.QueryAsync("select provider_id, npi from staging.provider where npi = '12345678901234567890'", Ct),
            [9000000000L, "12345678901234567890"]);
    }

    [Theory]
    [InlineData("npi", "varchar(5)", "varchar(10)")]
    [InlineData("rate", "decimal(8,2)", "numeric(10,2)")]
    [InlineData("rate", "decimal(10,1)", "numeric(10,2)")]
    [InlineData("started", "timestamp", "date")]
    [InlineData("provider_id", "decimal(9,0)", "integer")]
    public async Task EnsureSchemaAsync_WhenAContractNarrowsOrChangesAType_ShouldRefuseNamingFileColumnAndBothTypes(
        string column, string type, string actual)
    {
        await LoadAsync(await PutAsync(Provider, Drop, Providers));

        var refused = async () => await Warehouse.EnsureSchemaAsync(WithColumnType(Provider, column, type), Ct);

        var error = (await refused.Should().ThrowAsync<ConfigException>()).Which;
        error.File.Should().Be("contracts/provider.yml");
        error.Message.Should().Contain($"column {column}").And.Contain(actual).And.Contain("To migrate");
        (await CountsAsync())[Provider].Should().Be(3, "the refusal changes nothing");
        await Warehouse.EnsureSchemaAsync(Pipeline, Ct); // and the table is still as the old contract says
    }

    /// <summary>The reproduction: AMT decimal(10,2), load 1.50, change to decimal(12,4), drop 1.2345. It used to load
    /// 1.23. PostgreSQL widens the scale; Snowflake cannot change a NUMBER's scale, so the change is refused before any load.</summary>
    [Fact]
    public async Task EnsureSchemaAsync_WhenADecimalGainsScale_ShouldKeepEveryDecimalPlaceOrRefuseNeverRound()
    {
        await LoadAsync(await PutAsync(Provider, Drop, ProviderHeader + "1,1234567890,Ada,2020-01-15,true,1.50\n"));
        var widened = WithColumnType(Provider, "rate", "decimal(12,4)");

        if (!Limits.ChangeScale)
        {
            var refused = async () => await Warehouse.EnsureSchemaAsync(widened, Ct);
            (await refused.Should().ThrowAsync<ConfigException>()).Which.Message.Should().Contain("column rate").And.Contain("scale");
            return;
        }

        await Warehouse.EnsureSchemaAsync(widened, Ct);
        var outcome = await LoadAsync(widened, await PutAsync(Provider, TypeDrop, ProviderHeader + "2,2234567890,Bob,2020-01-15,true,1.2345\n"));

        outcome.Status.Should().Be(LoadStatus.Loaded);
        RowsShouldBe(await Under.Sql.QueryAsync("select provider_id, rate from staging.provider order by provider_id", Ct),
            [1L, 1.50m], [2L, 1.2345m]);
    }

    /// <summary>The other reproduction: a column changed to text, then a drop with a non-number in it.</summary>
    [Fact]
    public async Task EnsureSchemaAsync_WhenANumberBecomesText_ShouldWidenItOrRefuseItClearly()
    {
        await LoadAsync(await PutAsync(Provider, Drop, ProviderHeader + "1,1234567890,Ada,2020-01-15,true,1.50\n"));
        var widened = WithColumnType(Provider, "rate", "text");

        if (!Limits.AnyToText)
        {
            var refused = async () => await Warehouse.EnsureSchemaAsync(widened, Ct);
            (await refused.Should().ThrowAsync<ConfigException>()).Which.Message.Should().Contain("column rate").And.Contain("text");
            return;
        }

        await Warehouse.EnsureSchemaAsync(widened, Ct);
        var outcome = await LoadAsync(widened, await PutAsync(Provider, TypeDrop, ProviderHeader + "2,2234567890,Bob,2020-01-15,true,n/a\n"));

        outcome.Status.Should().Be(LoadStatus.Loaded);
        RowsShouldBe(await Under.Sql.QueryAsync("select provider_id, rate from staging.provider order by provider_id", Ct),
            [1L, "1.50"], [2L, "n/a"]);
    }

    /// <summary>Issue 12, item 9: a double column (PostgreSQL double precision, Snowflake FLOAT) keeps the value the file
    /// wrote, where decimal(10,2) rounded 49112.87100000001 to 49112.87; NaN and Infinity are refused at their line and column.</summary>
    [Fact]
    public async Task LoadAsync_WhenAColumnIsDouble_ShouldKeepTheValueAndRefuseNaNAndInfinity()
    {
        var config = WithReadings;
        await Warehouse.EnsureSchemaAsync(config, Ct);
        var good = await PutAsync("reading", Drop, "reading_id,value\n1,49112.87100000001\n2,-1.5e-7\n3,\n");
        var bad = await PutAsync("reading", OtherDrop, "reading_id,value\n1,2.5\n2,NaN\n3,-Infinity\n");

        var loaded = await LoadAsync(config, good);
        var refused = await LoadAsync(config, bad);

        loaded.Status.Should().Be(LoadStatus.Loaded, string.Join("; ", loaded.Problems));
        RowsShouldBe(await Under.Sql.QueryAsync("select reading_id, value from staging.reading order by reading_id", Ct),
            [1L, 49112.87100000001], [2L, -1.5e-7], [3L, null]);
        refused.Status.Should().Be(LoadStatus.Rejected);
        refused.Problems.Select(p => (p.Rule, p.Line, p.Column)).Should().Equal(
            [(HealthDw.Core.Validation.Rules.Type, 3L, (int?)2), (HealthDw.Core.Validation.Rules.Type, 4L, (int?)2)]);
    }

    /// <summary>A column a later contract adds goes to the end of the staging table that already exists (after the row
    /// metadata), and a column it takes out stays there: the file's cells must each still land in their own column, and the
    /// column no longer sent stays empty.</summary>
    [Fact]
    public async Task LoadAsync_WhenAContractAddsAndRemovesColumnsAfterItsTableExists_ShouldLoadEveryCellIntoItsOwnColumn()
    {
        await LoadAsync(await PutAsync(Provider, Drop, ProviderHeader + "1,1234567890,Ada,2020-01-15,true,120.50\n"));
        var changed = WithColumnAddedAndRemoved(Provider, after: "npi", added: "{ name: specialty, type: varchar(20) }", removed: "name");

        await Warehouse.EnsureSchemaAsync(changed, Ct);
        var outcome = await LoadAsync(changed, await PutAsync(Provider, TypeDrop,
            "provider_id,npi,specialty,started,active,rate\n2,2234567890,cardiology,2022-02-02,false,10.25\n"));

        outcome.Status.Should().Be(LoadStatus.Loaded, string.Join("; ", outcome.Problems));
        RowsShouldBe(await Under.Sql.QueryAsync(
                "select provider_id, npi, specialty, name, started, active, rate, _source_line from staging.provider order by provider_id", Ct),
            [1L, "1234567890", null, "Ada", new DateOnly(2020, 1, 15), true, 120.50m, 2L],
            [2L, "2234567890", "cardiology", null, new DateOnly(2022, 2, 2), false, 10.25m, 2L]);
    }

    private Task<LoadOutcome> LoadAsync(PipelineConfig config, RoutedFile file) =>
        Under.Loader.LoadAsync(file, config.Contract(file.Table), null, Ct);
}
