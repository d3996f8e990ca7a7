using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;

namespace HealthDw.Infra.Steps;

/// <summary>
/// The AWS Parameters and Secrets Lambda Extension (x86_64), whose layer ARN differs per region: the map
/// region → ARN is the context value <c>healthdw:paramsAndSecretsLayerArns</c> (infra-cdk/cdk.json). A stack
/// with a region takes its entry; a region-agnostic stack gets the whole map as a CloudFormation mapping.
/// </summary>
public static class ExtensionLayer
{
    public const string ContextKey = "healthdw:paramsAndSecretsLayerArns";

    public static ParamsAndSecretsLayerVersion For(Stack stack, IReadOnlyDictionary<string, string> arnsByRegion)
    {
        if (arnsByRegion.Count == 0) throw new InvalidOperationException($"the context has no {ContextKey} (region -> layer ARN)");
        string arn;
        if (!Token.IsUnresolved(stack.Region))
        {
            arn = arnsByRegion.TryGetValue(stack.Region, out var known)
                ? known
                : throw new InvalidOperationException(
                    $"{ContextKey} has no layer ARN for {stack.Region}: add the AWS-Parameters-and-Secrets-Lambda-Extension ARN " +
                    "of that region (x86_64) to infra-cdk/cdk.json");
        }
        else
        {
            var mapping = new CfnMapping(stack, "ParamsAndSecretsLayer", new CfnMappingProps
            {
                Mapping = arnsByRegion.ToDictionary(p => p.Key, p => (IDictionary<string, object>)new Dictionary<string, object> { ["arn"] = p.Value }),
            });
            arn = mapping.FindInMap(Aws.REGION, "arn");
        }

        return ParamsAndSecretsLayerVersion.FromVersionArn(arn, new ParamsAndSecretsOptions
        {
            CacheEnabled = true,
            HttpPort = 2773,
            LogLevel = ParamsAndSecretsLogLevel.WARN,
        });
    }
}
