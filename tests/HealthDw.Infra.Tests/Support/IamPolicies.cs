using System.Text.Json.Nodes;

namespace HealthDw.Infra.Tests.Support;

/// <summary>
/// Every statement of the stack's identity policies (AWS::IAM::Policy attached to a role, and any inline
/// or managed policy of the role itself), flattened to one <see cref="Permission"/> per action and resource.
/// </summary>
public static class IamPolicies
{
    public static IReadOnlyList<string> Roles(SynthesizedStack stack) =>
        stack.OfType("AWS::IAM::Role").Keys.Select(id => CfnText.Friendly(id, stack.Resources)).Order(StringComparer.Ordinal).ToList();

    public static IReadOnlyList<Permission> Of(SynthesizedStack stack)
    {
        var resources = stack.Resources;
        var result = new List<Permission>();
        foreach (var (id, policy) in stack.OfType("AWS::IAM::Policy"))
        {
            var properties = policy["Properties"]!;
            var onlyIf = policy["Condition"]?.GetValue<string>() ?? "";
            foreach (var role in properties["Roles"]!.AsArray())
            {
                var principal = CfnText.Friendly(role!["Ref"]!.GetValue<string>(), resources);
                result.AddRange(Flatten(principal, properties["PolicyDocument"]!, resources, onlyIf));
            }
        }

        foreach (var (id, role) in stack.OfType("AWS::IAM::Role"))
        {
            var principal = CfnText.Friendly(id, resources);
            if (role["Properties"]!["Policies"] is JsonArray inline)
            {
                foreach (var policy in inline) result.AddRange(Flatten(principal, policy!["PolicyDocument"]!, resources));
            }

            if (role["Properties"]!["ManagedPolicyArns"] is JsonArray managed)
            {
                foreach (var arn in managed) result.Add(new Permission(principal, "Allow", "(managed policy)", CfnText.Render(arn, resources), ""));
            }
        }

        return result;
    }

    /// <summary>A resource policy's or key policy's statements, with the principal they name.</summary>
    public static IReadOnlyList<Permission> OfDocument(JsonNode document, JsonObject resources) => Flatten(null, document, resources);

    private static List<Permission> Flatten(string? principal, JsonNode document, JsonObject resources, string policyIf = "")
    {
        var rows = new List<Permission>();
        foreach (var entry in document["Statement"]!.AsArray())
        {
            // {"Fn::If": [condition, statement, {"Ref": "AWS::NoValue"}]}: a statement that exists only under a condition.
            var (statement, onlyIf) = entry is JsonObject { Count: 1 } o && o["Fn::If"] is JsonArray when
                ? (when[1]!, when[0]!.GetValue<string>() + (when[2]?["Ref"]?.GetValue<string>() == "AWS::NoValue" ? "" : " (else something)"))
                : (entry!, policyIf);
            var who = principal ?? CfnText.Render(statement["Principal"], resources);
            var effect = statement["Effect"]!.GetValue<string>();
            var condition = Condition(statement["Condition"], resources);
            var actions = statement["NotAction"] is { } notAction
                ? CfnText.RenderEach(notAction, resources).Select(a => "not " + a).ToList()
                : CfnText.RenderEach(statement["Action"], resources);
            var targets = statement["NotResource"] is { } notResource
                ? CfnText.RenderEach(notResource, resources).Select(r => "not " + r).ToList()
                : CfnText.RenderEach(statement["Resource"], resources);
            foreach (var action in actions)
            {
                foreach (var resource in targets)
                {
                    rows.Add(new Permission(who, effect, action, resource, condition, onlyIf));
                }
            }
        }

        return rows;
    }

    private static string Condition(JsonNode? condition, JsonObject resources) =>
        condition is not JsonObject operators
            ? ""
            : string.Join(" and ", operators.SelectMany(op => op.Value!.AsObject()
                .Select(kv => $"{op.Key} {kv.Key}={CfnText.Render(kv.Value, resources)}")));
}
