namespace HealthDw.Generator.Data;

/// <summary>A city with its state and the first three digits of its ZIP codes.</summary>
internal sealed record City(string Name, string State, int ZipPrefix);
