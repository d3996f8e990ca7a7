using HealthDw.Core.Pipeline;

namespace HealthDw.Tests.Core.Pipeline;

/// <summary>The key formats as they were before BucketLayout built them: archived files, reports and manifests written by
/// earlier runs must still be found where they are.</summary>
public class BucketLayoutTests
{
    [Fact]
    public void Keys_WhenBuilt_ShouldKeepTheBucketsFormats()
    {
        BucketLayout.RawKey("chart_code_20261121T0200.csv").Should().Be("raw_files/chart_code_20261121T0200.csv");
        BucketLayout.ProcessedKey("20261121T0200", "chart_code_20261121T0200.csv").Should().Be("processed/20261121T0200/chart_code_20261121T0200.csv");
        BucketLayout.ErrorKey("20261121T0200", "a.csv").Should().Be("error_files/20261121T0200/a.csv");
        BucketLayout.ReportKey(BucketLayout.ErrorKey("20261121T0200", "a.csv")).Should().Be("error_files/20261121T0200/a.csv.error.json");
        BucketLayout.ManifestKey("20261121T0200").Should().Be("processed/20261121T0200/_manifest_20261121T0200.json");
    }

    [Fact]
    public void ErrorKey_WhenTheDropIsNotKnown_ShouldBeUnderUnrouted()
    {
        BucketLayout.ErrorKey(null, "mystery.csv").Should().Be("error_files/unrouted/mystery.csv");
        BucketLayout.ErrorFolder(null).Should().Be("error_files/unrouted/");
    }

    [Fact]
    public void KeyBesideEarlierVersion_WhenTheKeyIsTaken_ShouldGoOneFolderDownNamedByTheVersionToken() =>
        BucketLayout.KeyBesideEarlierVersion("processed/20261121T0200/a.csv", "3HL4kqtJlcpXroDTDmJ+rmSpXd3dIbrHY")
            .Should().Be("processed/20261121T0200/3HL4kqtJlcpX/a.csv");

    [Fact]
    public void FileNameOf_WhenArchived_ShouldGiveTheNameARawKeyTakes() =>
        BucketLayout.RawKey(BucketLayout.FileNameOf("processed/20261121T0200/3HL4kqtJlcpX/a.csv")).Should().Be("raw_files/a.csv");
}
