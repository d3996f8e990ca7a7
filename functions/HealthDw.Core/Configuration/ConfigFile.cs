namespace HealthDw.Core.Configuration;

/// <summary>A configuration file's path (as shown in errors) and its text.</summary>
public sealed record ConfigFile(string Path, string Text);
