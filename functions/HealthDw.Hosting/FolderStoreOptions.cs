namespace HealthDw.Hosting;

/// <summary>A folder as the bucket: the local pipeline, self-hosted runs and tests.</summary>
public sealed record FolderStoreOptions(string Root, string Bucket = "local") : StoreOptions(Bucket);
