using HealthDw.Core.Ports;
using HealthDw.Functions.Runtime;

namespace HealthDw.Hosting;

/// <summary>Where secrets come from.</summary>
/// <param name="Source">The process environment (locally: <c>HEALTHDW_SECRET_*</c> or a secrets file) or the Lambda's
/// Parameters and Secrets extension.</param>
/// <param name="Given">A reader a caller brings (a test's, or the bench's that has none); it replaces <paramref name="Source"/>.</param>
public sealed record SecretsOptions(SecretsSource Source, IEnvironmentVariables Environment, ISecrets? Given = null);
