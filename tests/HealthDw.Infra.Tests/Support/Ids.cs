using Amazon.CDK.Assertions;

namespace HealthDw.Infra.Tests.Support;

/// <summary>References to the stack's resources by construct id, for <see cref="Template"/> matchers (logical ids end in a hash).</summary>
public static class Ids
{
    public static Matcher LogicalId(string constructId) => Match.StringLikeRegexp($"^{constructId}[0-9A-F]{{8}}$");

    public static Dictionary<string, object> Ref(string constructId) => Json.Obj(("Ref", LogicalId(constructId)));

    public static Dictionary<string, object> Arn(string constructId) => Json.Obj(("Fn::GetAtt", Json.Arr(LogicalId(constructId), "Arn")));
}
