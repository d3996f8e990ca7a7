namespace HealthDw.Hosting;

/// <summary>Which bucket the pipeline reads and archives in: <see cref="FolderStoreOptions"/> or <see cref="S3StoreOptions"/>.</summary>
public abstract record StoreOptions(string Bucket);
