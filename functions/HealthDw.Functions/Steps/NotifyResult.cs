namespace HealthDw.Functions.Steps;

public sealed record NotifyResult(bool Sent, string Summary);
