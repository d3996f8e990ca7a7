namespace HealthDw.Core.Configuration;

/// <summary>What to do with a file column that the contract does not name.</summary>
public enum ExtraColumns
{
    /// <summary>The file is rejected: an unannounced column is schema drift someone must look at.</summary>
    Reject,

    /// <summary>The column is read past and not loaded.</summary>
    Ignore,
}
