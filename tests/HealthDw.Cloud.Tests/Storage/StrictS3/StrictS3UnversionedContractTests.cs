namespace HealthDw.Cloud.Tests.Storage.StrictS3;

/// <summary>The contract in a bucket without versioning: the ETag stands for the version, and an overwritten one is gone.</summary>
[Collection(StrictS3Collection.Name)]
public sealed class StrictS3UnversionedContractTests(StrictS3Server server) : StrictS3ContractTests(server, versioned: false);
