namespace HealthDw.Cloud.Tests.Storage.StrictS3;

/// <summary>The contract in a versioned bucket, as the project's is: an overwritten version stays readable by its VersionId.</summary>
[Collection(StrictS3Collection.Name)]
public sealed class StrictS3VersionedContractTests(StrictS3Server server) : StrictS3ContractTests(server, versioned: true);
