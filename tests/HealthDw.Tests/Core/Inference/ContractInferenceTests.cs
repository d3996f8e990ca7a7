using System.IO.Compression;
using System.Text;
using HealthDw.Core.Configuration;
using HealthDw.Core.Csv;
using HealthDw.Core.Inference;

namespace HealthDw.Tests.Core.Inference;

/// <summary>Issue 15, item 1: the inference in Core, on small files whose every cell is known.</summary>
public class ContractInferenceTests
{
    private static readonly TableContract[] Known = [.. PipelineConfigLoader.Load([
        new ConfigFile("routes.yml", "file_pattern: '^{table}_(?<drop>\\d+)\\.csv$'\nroutes:\n  - table: visits\n  - table: people\n"),
        new ConfigFile("contracts/people.yml", """
            table: people
            primary_key: [PERSONPK]
            columns:
              - { name: PERSONPK, type: bigint, nullable: false }
              - { name: UID, type: bigint }
            """),
        new ConfigFile("contracts/visits.yml", """
            table: visits
            columns:
              - { name: VISITPK, type: bigint, nullable: false }
              - { name: OWNER_UID, type: bigint, references: people.UID }
            """),
    ]).Contracts.Values];

    private static InferredContract Infer(string text, params TableContract[] known) =>
        ContractInference.Infer(new MemoryStream(Encoding.UTF8.GetBytes(text)),
            new ContractInferenceOptions("things", "things_20261201T0600.csv", "from --table", known));

    private static string TypeOf(InferredContract inferred, string column) =>
        inferred.Contract.Find(column)!.Type.ToString();

    [Theory]
    [InlineData("1|22|-3", "integer")]
    [InlineData("1|2147483648", "bigint")]
    [InlineData("1.5|22|-0.25", "numeric(4,2)")]
    [InlineData("0.50|0.25", "numeric(2,2)")]
    [InlineData("123456789012345678901234|1", "numeric(24,0)")]
    [InlineData("49112.87100000001|1.5e-7", "double precision")]
    [InlineData("true|FALSE|yes|n", "boolean")]
    [InlineData("0|1|1", "integer")]
    [InlineData("2019-02-17|2020-01-01", "date")]
    [InlineData("2019-02-17T05:07:38Z|2019-02-17 05:07", "timestamp")]
    [InlineData("2019-02-17|2019-02-17 05:07", "varchar(16)")]
    [InlineData("02139|10001", "varchar(5)")]
    [InlineData("007|1", "varchar(3)")]
    [InlineData("1|NaN", "varchar(3)")]
    [InlineData("Cañon|ab", "varchar(5)")]
    [InlineData("a|", "varchar(1)")]
    [InlineData("|", "text")]
    public void Infer_WhenAColumnHoldsTheseCells_ShouldPickTheNarrowestTypeWhoseRuleAcceptsThemAll(string cells, string expected)
    {
        var text = "ID,V\n" + string.Join("\n", cells.Split('|').Select((c, i) => $"{i + 1},{c}")) + "\n";

        TypeOf(Infer(text), "V").Should().Be(expected);
    }

    [Fact]
    public void Infer_WhenACellIsEmpty_ShouldLeaveTheColumnNullableAndMarkTheOthersNotNull()
    {
        var inferred = Infer("A,B\n1,x\n2,\n");

        inferred.Contract.Find("A")!.Nullable.Should().BeFalse();
        inferred.Contract.Find("B")!.Nullable.Should().BeTrue();
        inferred.Yaml.Should().Contain("# nullable: 1 empty cells");
    }

    [Theory]
    [InlineData("CODE,VISITPK,NOTE\na,1,x\nb,2,x\n", "VISITPK")]
    [InlineData("UID,UIDPK\n1,1\n2,2\n", "UIDPK")]
    [InlineData("NAME,Id\na,1\nb,2\n", "Id")]
    [InlineData("NAME,COUNT\na,1\nb,1\n", "NAME")]
    public void Infer_WhenAColumnIsUniqueAndNeverEmpty_ShouldMakeItThePrimaryKeyPreferringPkThenIdNames(string text, string key) =>
        Infer(text).Contract.PrimaryKey.Should().Equal(key);

    [Theory]
    [InlineData("NAME,CODE\na,1\nb,2\n")]          // two unnamed candidates: the reader chooses
    [InlineData("VISITPK,NAME\n1,a\n1,a\n")]       // a PK name, but not unique
    [InlineData("VISITPK,NAME\n1,a\n,a\n")]        // unique values, but one empty
    [InlineData("AT,NAME\n2026-01-01,a\n2026-01-02,a\n")] // unique, but a time: unique by chance
    public void Infer_WhenNoSingleColumnQualifies_ShouldDeclareNoPrimaryKeyAndSayWhy(string text)
    {
        var inferred = Infer(text);

        inferred.Contract.PrimaryKey.Should().BeEmpty();
        inferred.Yaml.Should().Contain("# no primary_key: ");
    }

    [Fact]
    public void Infer_WhenAColumnNameMatchesAnotherContractsKey_ShouldSuggestTheReferenceAsACommentOnly()
    {
        var inferred = Infer("THINGPK,PERSONPK,OWNER_UID,OTHER\n1,5,7,x\n", Known);

        inferred.Yaml.Should().Contain("    # references: people.PERSONPK").And.Contain("    # references: people.UID")
            .And.Contain("the name ends in UID, a key of people; values not checked");
        inferred.Contract.Columns.Should().OnlyContain(c => c.References == null, "a suggestion is a comment until someone uncomments it");
        var uncommented = inferred.Yaml.Replace("    # references: people.UID", "    references: people.UID", StringComparison.Ordinal);
        var loaded = PipelineConfigLoader.Load([
            new ConfigFile("routes.yml", "file_pattern: '^{table}_(?<drop>\\d+)\\.csv$'\nroutes:\n  - table: things\n  - table: people\n"),
            new ConfigFile("contracts/people.yml", "table: people\nprimary_key: [PERSONPK]\ncolumns:\n  - { name: PERSONPK, type: bigint, nullable: false }\n  - { name: UID, type: bigint }\n"),
            new ConfigFile("contracts/things.yml", uncommented),
        ]);
        loaded.Contract("things").Find("OWNER_UID")!.References.Should().Be(new ColumnReference("people", "UID"));
    }

    [Fact]
    public void Infer_WhenTheFileHasOnlyItsHeader_ShouldAllowEmptyAndGuessText()
    {
        var inferred = Infer("A,B\n");

        inferred.Contract.AllowEmpty.Should().BeTrue();
        inferred.Contract.Columns.Should().OnlyContain(c => c.Type.Kind == ColumnKind.Text);
        inferred.Rows.Should().Be(0);
    }

    [Fact]
    public void Infer_WhenTheFileEndsWithBlankLines_ShouldCountOnlyItsRows() =>
        Infer("A\r\n1\r\n2\r\n\r\n\r\n").Rows.Should().Be(2);

    [Theory]
    [InlineData("A,B\n1,2\n1\n", "line 3", "field_count")]
    [InlineData("A,B\n1,\"x\"y\n", "line 2, column 2", "quote")]
    [InlineData("A,B\n1,2\n\n3,4\n", "line 3", "field_count")]
    [InlineData("A,A\n1,2\n", "line 1, column 2", "duplicate_column")]
    [InlineData("A,B C\n1,2\n", "line 1, column 2", "missing_header")]
    [InlineData("", "line 1", "empty_file")]
    [InlineData("A,B\n1,\"open\n", "line 2, column 2", "quote")]
    public void Infer_WhenTheFileIsNotValidCsvWithAHeader_ShouldFailNamingTheLineAndColumnButNoValue(string text, string where, string rule)
    {
        var act = () => Infer(text);

        var problem = act.Should().Throw<ContractInferenceException>().Which.Problem;
        problem.ToString().Should().StartWith(where).And.EndWith($"[{rule}]");
        problem.ToString().Should().NotContain("open").And.NotContain("B C");
    }

    [Fact]
    public void Infer_WhenACellIsNotUtf8_ShouldFailAtItsLineAndColumnAsTheValidatorDoes()
    {
        var bytes = Encoding.UTF8.GetBytes("A,B\n1,x\n2,").Concat(new byte[] { 0xE9, (byte)'\n' }).ToArray();

        var act = () => ContractInference.Infer(new MemoryStream(bytes), new ContractInferenceOptions("t", "t.csv", "from --table", []));

        act.Should().Throw<ContractInferenceException>().Which.Problem.ToString().Should().StartWith("line 3, column 2").And.EndWith("[encoding]");
    }

    [Fact]
    public void Infer_WhenTheFileIsGzipped_ShouldInferTheSameContractAsFromItsText()
    {
        const string text = "ID,AMOUNT,WHEN\n1,12.50,2026-01-02\n2,3.25,2026-01-03\n";
        var gz = new MemoryStream();
        using (var zip = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true)) zip.Write(Encoding.UTF8.GetBytes(text));
        gz.Position = 0;
        var options = new ContractInferenceOptions("things", "things_20261201T0600.csv", "from --table", []);

        var fromGzip = ContractInference.Infer(CompressedFile.Open(gz, FileCompression.Gzip), options);

        fromGzip.Yaml.Should().Be(Infer(text).Yaml);
        TypeOf(fromGzip, "AMOUNT").Should().Be("numeric(4,2)");
    }

    [Fact]
    public void Infer_WhenAGzippedFileIsCutShort_ShouldFailAsEncodingAtTheLineWhereTheTextStops()
    {
        var gz = new MemoryStream();
        using (var zip = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true))
            zip.Write(Encoding.UTF8.GetBytes("ID\n" + string.Concat(Enumerable.Range(1, 5000).Select(i => $"{i}\n"))));
        var cut = new MemoryStream(gz.ToArray()[..^9]);

        var act = () => ContractInference.Infer(CompressedFile.Open(cut, FileCompression.Gzip), new ContractInferenceOptions("t", "t.csv.gz", "x", []));

        act.Should().Throw<ContractInferenceException>().Which.Problem.Rule.Should().Be("encoding");
    }

    [Theory]
    [InlineData("chart_vitals_20261201T0600.csv", "chart_vitals")]
    [InlineData("chart_vitals_20261201T0600_part2.csv.gz", "chart_vitals")]
    [InlineData("dir/Patients.CSV", "patients")]
    [InlineData("lab-results 2026.csv.br", "lab_results_2026")]
    [InlineData("2026_export.csv", "t_2026_export")]
    public void FromFileName_WhenNoRouteKnowsTheFile_ShouldTakeThePartBeforeTheDropTimestamp(string name, string table) =>
        InferredTableName.FromFileName(name).Should().Be(table);
}
