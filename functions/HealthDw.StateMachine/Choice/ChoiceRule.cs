using System.Text.Json.Nodes;

namespace HealthDw.StateMachine.Choice;

/// <summary>A Choice Rule (spec, "Choice State"): a Boolean expression or a data-test expression.</summary>
internal abstract record ChoiceRule
{
    public abstract bool Evaluate(JsonNode? input, Func<JsonNode?> context);
}

/// <summary>"And": true when every rule is, evaluated in order and stopping at the first false.</summary>
internal sealed record AndRule(IReadOnlyList<ChoiceRule> Rules) : ChoiceRule
{
    public override bool Evaluate(JsonNode? input, Func<JsonNode?> context) => Rules.All(r => r.Evaluate(input, context));
}

/// <summary>"Or": true when any rule is, evaluated in order and stopping at the first true.</summary>
internal sealed record OrRule(IReadOnlyList<ChoiceRule> Rules) : ChoiceRule
{
    public override bool Evaluate(JsonNode? input, Func<JsonNode?> context) => Rules.Any(r => r.Evaluate(input, context));
}

/// <summary>"Not": the inverse of the one rule it holds.</summary>
internal sealed record NotRule(ChoiceRule Rule) : ChoiceRule
{
    public override bool Evaluate(JsonNode? input, Func<JsonNode?> context) => !Rule.Evaluate(input, context);
}

/// <summary>A top-level rule of the "Choices" array and the state it leads to.</summary>
internal sealed record ChoiceBranch(ChoiceRule Rule, string Next);
