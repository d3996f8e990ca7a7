namespace HealthDw.Infra.Tests.Support;

/// <summary>Every class in this collection shares one <see cref="SynthesizedApp"/>.</summary>
[CollectionDefinition(Name)]
public sealed class InfraCollection : ICollectionFixture<SynthesizedApp>
{
    public const string Name = "synthesized app";
}
