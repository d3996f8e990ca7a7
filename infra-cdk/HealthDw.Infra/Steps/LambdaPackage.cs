using Amazon.CDK.AWS.Lambda;

namespace HealthDw.Infra.Steps;

/// <summary>
/// The one deployment package of every step: artifacts/lambda/healthdw-lambda.zip from ./build-lambda.sh.
/// Without it the app stops, unless the context flag <c>healthdw:placeholderPackage=true</c> asks for a
/// stand-in (a <c>bootstrap</c> that only fails), which is for synthesising on a machine that cannot build it.
/// </summary>
public static class LambdaPackage
{
    public const string PlaceholderContextKey = "healthdw:placeholderPackage";

    public static Code Resolve(RepoLayout layout, bool allowPlaceholder)
    {
        if (File.Exists(layout.LambdaPackage)) return Code.FromAsset(layout.LambdaPackage);
        if (!allowPlaceholder)
        {
            throw new InvalidOperationException(
                $"the Lambda package {layout.LambdaPackage} is missing: run ./build-lambda.sh first " +
                $"(or pass -c {PlaceholderContextKey}=true to synthesise with a stand-in that cannot run)");
        }

        var folder = Path.Combine(Path.GetTempPath(), "healthdw-placeholder-package");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "bootstrap"),
            "#!/bin/sh\necho 'placeholder package: build it with ./build-lambda.sh and deploy again' >&2\nexit 1\n");
        return Code.FromAsset(folder);
    }
}
