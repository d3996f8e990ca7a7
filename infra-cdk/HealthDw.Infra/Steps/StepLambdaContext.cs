using Amazon.CDK.AWS.Lambda;
using HealthDw.Infra.Configuration;
using HealthDw.Infra.Secrets;
using HealthDw.Infra.Storage;

namespace HealthDw.Infra.Steps;

/// <summary>What every step's function is built from: the stage, the package, the extension layer, the bucket and the secrets.</summary>
public sealed record StepLambdaContext(
    StageSettings Stage, Code Code, ParamsAndSecretsLayerVersion ParamsAndSecrets, DataStorage Storage, PipelineSecrets Secrets);
