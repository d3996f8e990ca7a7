using System.Text.Json;
using System.Text.Json.Nodes;
using HealthDw.StateMachine.Execution;
using HealthDw.StateMachine.Json;
using HealthDw.StateMachine.Paths;

namespace HealthDw.StateMachine.Choice;

/// <summary>
/// A data-test expression (spec, "Data-test expression"): the value at <see cref="Variable"/> compared
/// with a literal, or with the value of another Path for the "...Path" operators. Values of the wrong
/// type make the comparison false. A Variable that matches nothing is a runtime error
/// (<c>States.Runtime</c>), except for IsPresent, which is then simply false.
/// </summary>
internal sealed record DataTestRule(JsonPath Variable, ComparisonOperator Operator, JsonNode? Operand, JsonPath? OperandPath) : ChoiceRule
{
    public override bool Evaluate(JsonNode? input, Func<JsonNode?> context)
    {
        var found = Variable.TrySelect(Variable.IsContextPath ? context() : input, out var value);
        if (Operator.Name == "IsPresent")
            return found == Operand!.GetValue<bool>();
        if (!found)
            throw StatesErrorException.Runtime($"Invalid path '{Variable.Text}': the choice state's condition path references an invalid value.");
        if (Operator.Family == OperatorFamily.TypeTest)
            return TypeTest(value) == Operand!.GetValue<bool>();
        var operand = Operand;
        if (OperandPath is not null && !OperandPath.TrySelect(OperandPath.IsContextPath ? context() : input, out operand))
            throw StatesErrorException.Runtime($"Invalid path '{OperandPath.Text}': the choice state's {Operator.Name} references an invalid value.");
        return Compare(value, operand);
    }

    private bool TypeTest(JsonNode? value) => Operator.Name switch
    {
        "IsNull" => value is null,
        "IsNumeric" => Kind(value) == JsonValueKind.Number,
        "IsString" => Kind(value) == JsonValueKind.String,
        "IsBoolean" => Kind(value) is JsonValueKind.True or JsonValueKind.False,
        "IsTimestamp" => Kind(value) == JsonValueKind.String && AslTimestamp.TryParse(value!.GetValue<string>(), out _),
        _ => false,
    };

    private bool Compare(JsonNode? value, JsonNode? operand)
    {
        switch (Operator.Family)
        {
            case OperatorFamily.StringMatches:
                return Kind(value) == JsonValueKind.String && StringPattern.Matches(value!.GetValue<string>(), operand!.GetValue<string>());
            case OperatorFamily.String:
                if (Kind(value) != JsonValueKind.String || Kind(operand) != JsonValueKind.String)
                    return false;
                return Holds(string.CompareOrdinal(value!.GetValue<string>(), operand!.GetValue<string>()));
            case OperatorFamily.Numeric:
                if (!JsonNumbers.TryGetDouble(value, out var x) || !JsonNumbers.TryGetDouble(operand, out var y))
                    return false;
                return Holds(x.CompareTo(y));
            case OperatorFamily.Boolean:
                var left = Kind(value);
                var right = Kind(operand);
                return left is JsonValueKind.True or JsonValueKind.False && left == right;
            case OperatorFamily.Timestamp:
                if (Kind(value) != JsonValueKind.String || Kind(operand) != JsonValueKind.String
                    || !AslTimestamp.TryParse(value!.GetValue<string>(), out var a) || !AslTimestamp.TryParse(operand!.GetValue<string>(), out var b))
                    return false;
                return Holds(a.CompareTo(b));
            default:
                return false;
        }
    }

    private bool Holds(int order) => Operator.Relation switch
    {
        Relation.Equals => order == 0,
        Relation.LessThan => order < 0,
        Relation.GreaterThan => order > 0,
        Relation.LessThanEquals => order <= 0,
        Relation.GreaterThanEquals => order >= 0,
        _ => false,
    };

    private static JsonValueKind? Kind(JsonNode? node) => node?.GetValueKind() ?? JsonValueKind.Null;
}
