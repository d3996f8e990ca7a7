namespace HealthDw.Cloud.Tests.Storage.StrictS3;

/// <summary>One <see cref="StrictS3Server"/> for the test classes that use it; each test makes a bucket of its own.</summary>
[CollectionDefinition(Name)]
public sealed class StrictS3Collection : ICollectionFixture<StrictS3Server>
{
    public const string Name = "strict S3";
}
