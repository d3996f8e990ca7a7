using System.Text;
using System.Text.Json.Nodes;
using HealthDw.StateMachine.Json;

namespace HealthDw.StateMachine.Execution;

/// <summary>
/// The faults the interpreter finds in a state's own data processing, named as <see cref="ErrorModel"/> says.
/// Under <see cref="ErrorModel.Service"/> a Parameters/ResultSelector/ItemSelector path that matches nothing, an
/// intrinsic function that fails, and a ResultPath that cannot apply are <c>States.Runtime</c>: the service reports
/// them so ("The JSONPath ... could not be found in the input" arrives as States.Runtime), and no Retrier or Catcher
/// matches that name (Step Functions Developer Guide, "Handling errors in Step Functions workflows"). Errors a task's
/// resource raises keep their names whatever they are called.
/// </summary>
internal static class DataFaults
{
    public static StatesErrorException AsRaised(StatesErrorException error, StateRun run)
    {
        if (run.Services.ErrorModel == ErrorModel.Spec || error.FromTask
            || error.Error is not (StatesErrors.ParameterPathFailure or StatesErrors.IntrinsicFailure or StatesErrors.ResultPathMatchFailure))
            return error;
        return StatesErrorException.Runtime($"An error occurred while executing the state '{run.State.Name}'. {error.Cause}");
    }

    /// <summary>
    /// <c>States.DataLimitExceeded</c> when <paramref name="data"/> is larger than the payload quota, measured as
    /// the service does, in bytes of its UTF-8 JSON text (Developer Guide, "Step Functions service quotas":
    /// 256 KiB "for a task, state, or execution"; "Handling errors": raised for a connector's output, a state's
    /// output, and a state's input after Parameters). Like States.Runtime, no Retrier or Catcher matches it.
    /// </summary>
    public static void CheckSize(JsonNode? data, string what, StateRun run)
    {
        var limit = run.Services.PayloadLimitBytes;
        var bytes = Encoding.UTF8.GetByteCount(JsonText.Compact(data));
        if (bytes > limit)
        {
            throw new StatesErrorException(StatesErrors.DataLimitExceeded,
                $"The {what} of state '{run.State.Name}' has {bytes} bytes, more than the maximum of {limit} bytes.");
        }
    }
}
