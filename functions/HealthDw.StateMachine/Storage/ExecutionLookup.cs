using HealthDw.StateMachine.History;

namespace HealthDw.StateMachine.Storage;

/// <summary>Finds a record by execution ARN, or else by execution name (which must then be unambiguous).</summary>
internal static class ExecutionLookup
{
    public static ExecutionRecord? Find(IEnumerable<ExecutionRecord> records, string executionArnOrName)
    {
        ArgumentException.ThrowIfNullOrEmpty(executionArnOrName);
        var all = records.ToList();
        var byArn = all.FirstOrDefault(r => r.ExecutionArn == executionArnOrName);
        if (byArn is not null)
            return byArn;
        var byName = all.Where(r => r.Name == executionArnOrName).ToList();
        if (byName.Count > 1)
        {
            throw new InvalidOperationException(
                $"the execution name '{executionArnOrName}' was used by several state machines ({string.Join(", ", byName.Select(r => r.StateMachineName))}); ask by execution ARN");
        }
        return byName.SingleOrDefault();
    }
}
