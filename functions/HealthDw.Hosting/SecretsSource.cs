namespace HealthDw.Hosting;

/// <summary>The secrets readers a host can run on.</summary>
public enum SecretsSource
{
    Environment,
    LambdaExtension,
}
