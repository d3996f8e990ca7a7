namespace HealthDw.Core.Models;

/// <summary>Where a drop's models are built (write), and the live schema they replace when published.</summary>
public sealed record BuildTarget(string BuildSchema, string LiveSchema, string DropId, DateTimeOffset AsOf)
{
    /// <summary>build_&lt;drop&gt; in lower case: one build schema per drop.</summary>
    public static BuildTarget ForDrop(string dropId, DateTimeOffset asOf, string liveSchema = "analytics") =>
        new($"build_{new string(dropId.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray())}", liveSchema, dropId, asOf);
}
