namespace HealthDw.Tests.Support;

/// <summary>A second PostgreSQL server with its own serial stream of test classes: the classes that drive whole drops and
/// publishes are split between the two collections so that their waits overlap and the suite stays within its time.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresSecondCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres-2";
}
