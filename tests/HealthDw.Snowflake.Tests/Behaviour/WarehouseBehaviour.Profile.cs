using HealthDw.Core.Configuration;
using HealthDw.Core.Loading;
using HealthDw.Core.Profiling;
using static HealthDw.Snowflake.Tests.Behaviour.BehaviourConfig;

namespace HealthDw.Snowflake.Tests.Behaviour;

/// <summary>Issue 15, item 2: <c>healthdw profile TABLE</c>'s SQL (one aggregate query, one top-values query) runs on every
/// warehouse and gives the same figures.</summary>
public abstract partial class WarehouseBehaviour
{
    [Fact]
    public async Task TableProfiler_WhenATableIsLoaded_ShouldGiveTheSameCountsLengthsAndRangesOnEveryWarehouse()
    {
        (await LoadAsync(await PutAsync(Provider, Drop, Providers))).Status.Should().Be(LoadStatus.Loaded);
        var contract = Config.Contract(Provider);
        contract = contract with { Columns = contract.Columns.Select(c => c.Name == "name" ? c with { Phi = true } : c).ToList() };

        var profile = await new TableProfiler(Under.Sql, Under.Dialect).ProfileAsync("staging", Provider, contract, showValues: true, Ct);

        profile.Rows.Should().Be(3);
        var columns = profile.Columns.ToDictionary(c => c.Name);
        columns.Keys.Should().Equal("provider_id", "npi", "name", "started", "active", "rate");
        columns.Values.Select(c => (c.Name, c.Nulls, c.Distinct)).Should().Equal(
            ("provider_id", 0L, 3L), ("npi", 0L, 3L), ("name", 1L, 2L), ("started", 1L, 2L), ("active", 1L, 2L), ("rate", 1L, 2L));
        (columns["npi"].MinLength, columns["npi"].MaxLength).Should().Be((10L, 10L));
        (columns["name"].MinLength, columns["name"].MaxLength).Should().Be((9L, 12L), "\"Smith, Jo\" and \"Ada Lovelace\"");
        (columns["provider_id"].Min, columns["provider_id"].Max).Should().Be(("1", "3"));
        (columns["started"].Min, columns["started"].Max).Should().Be(("2020-01-15", "2021-06-30"));
        decimal.Parse(columns["rate"].Max!, System.Globalization.CultureInfo.InvariantCulture).Should().Be(120.50m);
        columns["npi"].TopValues.Select(v => v.Value).Should().Equal("0987654321", "1111111111", "1234567890");
        columns["name"].HiddenBecause.Should().Be(DataProfile.HiddenPhi);
        (columns["name"].Min, columns["name"].Max, columns["name"].TopValues.Count).Should().Be((null, null, 0));
    }
}
