using HealthDw.Cli.Local;
using HealthDw.Generator;
using HealthDw.Tests.Support;

namespace HealthDw.Tests.Cli;

/// <summary>
/// Issue 12, item 10: after the demo's drop, a user generates the next drop at another scale. Staging keeps the latest
/// version of every key across drops, so both drops must agree on what each key is; else the second drop is blocked with
/// orphans and even the first can no longer be republished.
/// </summary>
[Collection(PostgresSecondCollection.Name)]
public class SecondDropTests(PostgresFixture postgres)
{
    private const string FirstDrop = "20261121T0200";
    private const string SecondDrop = "20261122T0200";

    [Fact]
    public async Task Drop_WhenASecondDropComesAtAnotherScale_ShouldPublishBothAndTheFirstCanBeRepublished()
    {
        await using var test = await TestPipeline.CreateAsync(postgres);
        Generate(test, FirstDrop, 0.02);
        Generate(test, SecondDrop, 0.05);

        var (firstExit, firstOutput) = await test.CliAsync("drop", test.Folder.Combine(FirstDrop));
        var (secondExit, secondOutput) = await test.CliAsync("drop", test.Folder.Combine(SecondDrop));
        var (againExit, againOutput) = await test.CliAsync("publish", FirstDrop);

        firstExit.Should().Be(0, firstOutput);
        secondExit.Should().Be(0, secondOutput);
        secondOutput.Should().Contain($"drop-{SecondDrop}: published");
        againExit.Should().Be(0, againOutput);
        againOutput.Should().Contain($"published drop {FirstDrop}");
        (await test.ScalarAsync("select count(*) from staging.register_users u join staging.register_users v on u.uidpk = v.uidpk and u.usertype <> v.usertype"))
            .Should().Be(0, "a user is of one kind in every drop");
    }

    /// <summary>The demo's seed, at a scale that keeps the test small.</summary>
    private static void Generate(TestPipeline test, string dropId, double scale) =>
        new ExtractGenerator().Generate(new GeneratorOptions(scale, 42, dropId), new FolderDropWriter(test.Folder.Combine(dropId)));
}
