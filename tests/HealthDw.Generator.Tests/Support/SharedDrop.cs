using HealthDw.Generator;

namespace HealthDw.Generator.Tests.Support;

/// <summary>One drop at scale 0.05 (with faults), generated once for every test class in the collection.</summary>
public sealed class SharedDrop
{
    public const string DropId = "20261121T0200";

    public GeneratedDropFiles Files { get; } = new(new GeneratorOptions(0.05, 42, DropId, Faults: true));
}

[CollectionDefinition(Name)]
public sealed class SharedDropCollection : ICollectionFixture<SharedDrop>
{
    public const string Name = "shared drop";
}
