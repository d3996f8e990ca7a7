using System.Text;
using HealthDw.StateMachine.History;

namespace HealthDw.StateMachine.Storage;

/// <summary>
/// Execution records as one JSON file each in a folder (<c>{state machine}--{execution name}.json</c>).
/// A save writes a temporary file beside the target and moves it over, so a reader never sees half a file.
/// </summary>
public sealed class FolderExecutionStore : IExecutionStore
{
    private readonly string _folder;

    public FolderExecutionStore(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        _folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(_folder);
    }

    public string Folder => _folder;

    public async Task SaveAsync(ExecutionRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        var target = FileFor(record.StateMachineName, record.Name);
        var temporary = Path.Combine(_folder, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await File.WriteAllTextAsync(temporary, ExecutionRecordJson.Write(record), new UTF8Encoding(false), cancellationToken);
            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }

    public async Task<IReadOnlyList<ExecutionRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        var records = new List<ExecutionRecord>();
        foreach (var file in Directory.EnumerateFiles(_folder, "*.json"))
            records.Add(ExecutionRecordJson.Read(await File.ReadAllTextAsync(file, cancellationToken)));
        return [.. records.OrderByDescending(r => r.StartDate).ThenBy(r => r.ExecutionArn, StringComparer.Ordinal)];
    }

    public async Task<ExecutionRecord?> GetAsync(string executionArnOrName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(executionArnOrName);
        var parts = executionArnOrName.Split(':');
        if (parts.Length == 8 && parts[0] == "arn" && parts[5] == "execution")
        {
            var file = FileFor(parts[6], parts[7]);
            if (!File.Exists(file))
                return null;
            var record = ExecutionRecordJson.Read(await File.ReadAllTextAsync(file, cancellationToken));
            return record.ExecutionArn == executionArnOrName ? record : null;
        }
        return ExecutionLookup.Find(await ListAsync(cancellationToken), executionArnOrName);
    }

    private string FileFor(string stateMachineName, string executionName) =>
        Path.Combine(_folder, $"{Safe(stateMachineName)}--{Safe(executionName)}.json");

    /// <summary>Execution names exclude path characters already; anything unsafe left becomes "_".</summary>
    private static string Safe(string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var chars = name.Select(c => invalid.Contains(c) || c is '/' or '\\' ? '_' : c).ToArray();
        var safe = new string(chars);
        return safe.StartsWith('.') ? "_" + safe[1..] : safe;
    }
}
