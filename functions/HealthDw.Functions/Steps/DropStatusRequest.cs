namespace HealthDw.Functions.Steps;

public sealed record DropStatusRequest(string DropId);
