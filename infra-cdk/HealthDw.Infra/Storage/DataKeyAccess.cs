using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using HealthDw.Infra.Steps;

namespace HealthDw.Infra.Storage;

/// <summary>A principal's use of the data key: only the operations it needs, and only through S3.</summary>
public static class DataKeyAccess
{
    public static PolicyStatement Statement(string sid, DataStorage storage, KmsUse use, Stack stack)
    {
        var actions = new List<string>();
        if (use.HasFlag(KmsUse.Decrypt)) actions.Add("kms:Decrypt");
        if (use.HasFlag(KmsUse.GenerateDataKey)) actions.Add("kms:GenerateDataKey");
        if (actions.Count == 0) throw new ArgumentException("no key operation", nameof(use));
        return new PolicyStatement(new PolicyStatementProps
        {
            Sid = sid,
            Actions = [.. actions],
            Resources = [storage.DataKey.KeyArn],
            Conditions = new Dictionary<string, object>
            {
                ["StringEquals"] = new Dictionary<string, object> { ["kms:ViaService"] = $"s3.{stack.Region}.amazonaws.com" },
            },
        });
    }
}
