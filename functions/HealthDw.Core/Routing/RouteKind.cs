namespace HealthDw.Core.Routing;

public enum RouteKind
{
    /// <summary>A data file for a staging table.</summary>
    Routed,

    /// <summary>A temporary, partial or hidden file: never loaded, never an error.</summary>
    Ignored,

    /// <summary>A drop's control file (the manifest).</summary>
    Control,

    /// <summary>A name no route knows: rejected with a reason, never skipped.</summary>
    Unknown,
}
