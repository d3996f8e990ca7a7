namespace HealthDw.Core.Loading;

public enum LoadStatus
{
    Loaded,
    AlreadyLoaded,
    Rejected,
}
