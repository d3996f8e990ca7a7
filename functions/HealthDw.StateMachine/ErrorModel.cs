namespace HealthDw.StateMachine;

/// <summary>
/// Which names the interpreter gives the data-processing faults it finds itself: a Parameters,
/// ResultSelector or ItemSelector path that matches nothing, an intrinsic function that fails, a
/// ResultPath that cannot apply.
/// </summary>
public enum ErrorModel
{
    /// <summary>
    /// As the Step Functions service does (the default): each is <c>States.Runtime</c>, which no Retrier and
    /// no Catcher matches, <c>States.ALL</c> included, so the execution fails
    /// (Step Functions Developer Guide, "Handling errors in Step Functions workflows": States.ALL
    /// "cannot catch the States.DataLimitExceeded terminal error or Runtime error types").
    /// </summary>
    Service,

    /// <summary>
    /// As the Amazon States Language spec names them: the catchable <c>States.ParameterPathFailure</c>,
    /// <c>States.IntrinsicFailure</c> and <c>States.ResultPathMatchFailure</c>. Never what AWS does: only for
    /// checking a definition against the spec's own examples.
    /// </summary>
    Spec,
}
