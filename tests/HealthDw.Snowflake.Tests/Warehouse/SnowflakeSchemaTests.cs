using HealthDw.Core.Configuration;
using Xunit.Abstractions;
using HealthDw.Snowflake.Tests.Support;
using HealthDw.Warehouse.Snowflake;

namespace HealthDw.Snowflake.Tests.Warehouse;

public sealed class SnowflakeSchemaTests(ITestOutputHelper output)
{
    public static TheoryData<string> Tables => ShippedConfig.Tables();

    [Theory]
    [MemberData(nameof(Tables))]
    public void StagingTable_ForEveryShippedContract_ShouldDeclareItsColumnsThenTheRowMetadata(string table)
    {
        var contract = ShippedConfig.Contract(table);

        var statements = SnowflakeSchema.StagingTable(contract);

        output.WriteLine(string.Join(";\n", statements));
        statements.Should().HaveCount(1 + contract.Columns.Count);
        var create = statements[0];
        create.Should().StartWith($"create table if not exists staging.{table} (\n");
        var lines = create.Split('\n').Skip(1).Select(l => l.Trim().TrimEnd(',')).ToList();
        lines.Take(contract.Columns.Count).Should().Equal(contract.Columns.Select(c => $"{c.Name.ToLowerInvariant()} {Expected(c.Type)}"));
        lines.Skip(contract.Columns.Count).Should().Equal(
            "_source_line    number(19,0) not null",
            "_source_key     varchar not null",
            "_source_version varchar not null",
            "_load_id        varchar(36) not null",
            "_loaded_at      timestamp_ltz not null",
            ")");
        statements.Skip(1).Should().Equal(contract.Columns.Select(c =>
            $"alter table staging.{table} add column if not exists {c.Name.ToLowerInvariant()} {Expected(c.Type)}"));
    }

    [Fact]
    public void StagingTable_ShouldMapEveryContractTypeToASnowflakeType()
    {
        ColumnType Parse(string text) => ColumnType.TryParse(text, out var type) ? type : throw new ArgumentException(text);

        new[] { "text", "varchar(16)", "integer", "bigint", "decimal(12,2)", "boolean", "date", "timestamp" }
            .Select(t => SnowflakeSchema.ColumnType(Parse(t)))
            .Should().Equal("varchar", "varchar(16)", "number(10,0)", "number(19,0)", "number(12,2)", "boolean", "date", "timestamp_ntz");
    }

    [Fact]
    public void Base_ShouldCreateTheSchemasAndTheAuditTablesOfThePostgresWarehouse()
    {
        var ddl = string.Join(";\n", SnowflakeSchema.Base);

        SnowflakeSchema.Base.Take(3).Should().Equal(
            "create schema if not exists staging", "create schema if not exists analytics", "create schema if not exists audit");
        foreach (var table in new[] { "load_ledger", "file_rejections", "check_results", "alert_window", "drop_publications" })
            ddl.Should().Contain($"create table if not exists audit.{table} (");
        ddl.Should().Contain("unique (bucket, object_key, version_token)")
            .And.Contain("failed_rows  array")
            .And.Contain("alter table audit.check_results add column if not exists failed_rows array")
            .And.Contain("held         array not null")
            .And.Contain("rejection_id     number(19,0) autoincrement start 1 increment 1 order");
    }

    [Fact]
    public void All_ShouldBeTheBaseThenEveryContractInTableOrder()
    {
        var all = SnowflakeSchema.All(ShippedConfig.Pipeline);

        all.Take(SnowflakeSchema.Base.Count).Should().Equal(SnowflakeSchema.Base);
        all.Where(s => s.StartsWith("create table if not exists staging.", StringComparison.Ordinal))
            .Select(s => s.Split(' ')[5])
            .Should().Equal(ShippedConfig.Contracts.Select(c => $"staging.{c.Table}"));
    }

    private static string Expected(ColumnType type) => type.Kind switch
    {
        ColumnKind.Text => "varchar",
        ColumnKind.Varchar => $"varchar({type.Length})",
        ColumnKind.Integer => "number(10,0)",
        ColumnKind.BigInt => "number(19,0)",
        ColumnKind.Decimal => $"number({type.Precision},{type.Scale})",
        ColumnKind.Boolean => "boolean",
        ColumnKind.Date => "date",
        _ => "timestamp_ntz",
    };
}
