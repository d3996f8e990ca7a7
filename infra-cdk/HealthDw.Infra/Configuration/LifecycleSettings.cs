namespace HealthDw.Infra.Configuration;

/// <summary>How long archived files stay, and when they move to a cheaper storage class.</summary>
public sealed record LifecycleSettings
{
    /// <summary>processed/ and error_files/ move to S3 Standard-IA after this many days (S3 requires 30 or more).</summary>
    public int TransitionDays { get; init; } = 30;

    /// <summary>Loaded files are deleted from processed/ after this many days (the warehouse keeps the rows).</summary>
    public int ProcessedExpirationDays { get; init; } = 365;

    /// <summary>Refused files and their .error.json reports are deleted from error_files/ after this many days.</summary>
    public int ErrorFilesExpirationDays { get; init; } = 180;

    /// <summary>Overwritten and deleted versions (every move leaves one behind in raw_files/) are kept this long.</summary>
    public int NoncurrentVersionExpirationDays { get; init; } = 30;

    /// <summary>Server access logs in the log bucket are kept this long.</summary>
    public int AccessLogExpirationDays { get; init; } = 365;

    public void Validate(string stage)
    {
        void Require(bool ok, string what)
        {
            if (!ok) throw new InvalidOperationException($"stages.json: {stage}.lifecycle: {what}");
        }

        Require(TransitionDays >= 30, $"transitionDays is {TransitionDays}; S3 moves objects to Standard-IA after 30 days at the earliest");
        Require(ProcessedExpirationDays > TransitionDays, "processedExpirationDays must be later than transitionDays");
        Require(ErrorFilesExpirationDays > TransitionDays, "errorFilesExpirationDays must be later than transitionDays");
        Require(NoncurrentVersionExpirationDays >= 1, "noncurrentVersionExpirationDays must be 1 or more");
        Require(AccessLogExpirationDays >= 1, "accessLogExpirationDays must be 1 or more");
    }
}
