using System.Text.Json;
using System.Text.Json.Nodes;
using HealthDw.StateMachine.Choice;
using HealthDw.StateMachine.Json;

namespace HealthDw.StateMachine.Definition;

/// <summary>Reads Choice Rules (spec, "Choice State") and checks each operator's value against its type.</summary>
internal static class ChoiceRuleReader
{
    public static ChoiceBranch ReadTopLevel(JsonNode? node, string pointer)
    {
        var fields = new FieldReader(node, pointer, "a Choice Rule");
        var next = fields.String("Next", required: true)!;
        return new ChoiceBranch(Read(fields, topLevel: true), next);
    }

    private static ChoiceRule Read(FieldReader fields, bool topLevel)
    {
        if (!topLevel && fields.Has("Next"))
            throw new DefinitionError(fields.At("Next"), "only top-level Choice Rules have \"Next\"; rules inside And, Or and Not must not");
        var kinds = new[] { "And", "Or", "Not", "Variable" }.Where(fields.Has).ToList();
        if (kinds.Count != 1)
        {
            throw new DefinitionError(fields.Pointer, kinds.Count == 0
                ? "a Choice Rule needs \"Variable\" and one comparison operator, or one of \"And\", \"Or\", \"Not\""
                : $"a Choice Rule must have exactly one of \"And\", \"Or\", \"Not\" or \"Variable\", not {string.Join(" and ", kinds)}");
        }
        var kind = kinds[0];
        var allowed = new HashSet<string> { kind, "Next", "Comment" };
        if (kind is "And" or "Or")
        {
            fields.OnlyAllow(allowed, $"an \"{kind}\" rule");
            var array = fields.Array(kind)!;
            if (array.Count == 0)
                throw new DefinitionError(fields.At(kind), $"\"{kind}\" must be a non-empty array of Choice Rules");
            var rules = new List<ChoiceRule>();
            for (var i = 0; i < array.Count; i++)
                rules.Add(Read(new FieldReader(array[i], JsonPointer.Append(fields.At(kind), i), "a Choice Rule"), topLevel: false));
            return kind == "And" ? new AndRule(rules) : new OrRule(rules);
        }
        if (kind == "Not")
        {
            fields.OnlyAllow(allowed, "a \"Not\" rule");
            return new NotRule(Read(new FieldReader(fields.Raw("Not"), fields.At("Not"), "the value of \"Not\""), topLevel: false));
        }
        return ReadDataTest(fields);
    }

    private static DataTestRule ReadDataTest(FieldReader fields)
    {
        var variable = fields.Path("Variable", reference: false)!;
        var operators = fields.Object.Select(p => p.Key).Where(k => k is not ("Variable" or "Next" or "Comment")).ToList();
        foreach (var name in operators)
        {
            if (!ComparisonOperator.TryGet(name, out _))
                throw new DefinitionError(fields.At(name), $"\"{name}\" is not a comparison operator");
        }
        if (operators.Count != 1)
        {
            throw new DefinitionError(fields.Pointer, operators.Count == 0
                ? "a data-test Choice Rule needs one comparison operator, such as \"StringEquals\""
                : $"a Choice Rule must have exactly one comparison operator, not {string.Join(", ", operators)}");
        }
        ComparisonOperator.TryGet(operators[0], out var op);
        var pointer = fields.At(op!.Name);
        var value = fields.Raw(op.Name);
        if (op.UsesPath)
        {
            var text = fields.String(op.Name)!;
            return new DataTestRule(variable, op, null, FieldReader.ParsePath(text, pointer, op.Name, reference: false, allowContext: true));
        }
        var kind = value?.GetValueKind() ?? JsonValueKind.Null;
        var valid = op.Family switch
        {
            OperatorFamily.String or OperatorFamily.StringMatches => kind == JsonValueKind.String,
            OperatorFamily.Numeric => kind == JsonValueKind.Number,
            OperatorFamily.Boolean or OperatorFamily.TypeTest => kind is JsonValueKind.True or JsonValueKind.False,
            OperatorFamily.Timestamp => kind == JsonValueKind.String && AslTimestamp.TryParse(value!.GetValue<string>(), out _),
            _ => false,
        };
        if (!valid)
        {
            var expected = op.Family switch
            {
                OperatorFamily.String or OperatorFamily.StringMatches => "a string",
                OperatorFamily.Numeric => "a number",
                OperatorFamily.Timestamp => "a timestamp such as \"2016-03-14T01:59:00Z\"",
                _ => "true or false",
            };
            throw new DefinitionError(pointer, $"the value of \"{op.Name}\" must be {expected}");
        }
        return new DataTestRule(variable, op, value!.DeepClone(), null);
    }
}
