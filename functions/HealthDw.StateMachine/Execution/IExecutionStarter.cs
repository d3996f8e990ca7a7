using System.Text.Json.Nodes;

namespace HealthDw.StateMachine.Execution;

/// <summary>Starts executions of registered state machines for the startExecution integration.</summary>
internal interface IExecutionStarter
{
    /// <summary>Starts (or, for a running execution with the same name and input, returns) an execution; fails with a StatesErrorException.</summary>
    Task<StartedExecution> StartFromTaskAsync(string stateMachineArn, string? name, JsonNode? input);
}
