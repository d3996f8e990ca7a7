namespace HealthDw.Core.Models;

/// <summary>Where a drop's models are built (write), and the live schema they replace when published.</summary>
public sealed record BuildTarget(string BuildSchema, string LiveSchema, string DropId, DateTimeOffset AsOf)
{
    /// <summary>The drop's own build schema (<see cref="Pipeline.DropId.BuildSchema"/>).</summary>
    public static BuildTarget ForDrop(string dropId, DateTimeOffset asOf, string liveSchema = "analytics") =>
        new(new Pipeline.DropId(dropId).BuildSchema, liveSchema, dropId, asOf);
}
