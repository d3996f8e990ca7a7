namespace HealthDw.Core.Routing;

/// <summary>What happens to a file of a drop that arrives after the drop's publish began (<c>late_files</c> in routes.yml).</summary>
public enum LateFilePolicy
{
    /// <summary>Publish the drop again with it (a new publish-drop execution, or another round of the one running). The
    /// default: a corrected or late file is what the team wants in the analytics.</summary>
    Publish,

    /// <summary>Load it into staging and tell the team; the analytics wait for a publish started by hand.</summary>
    Notify,
}
