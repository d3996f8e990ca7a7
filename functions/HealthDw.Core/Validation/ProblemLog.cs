namespace HealthDw.Core.Validation;

/// <summary>Collects a file's problems: keeps the first <see cref="Limit"/>, counts them all.</summary>
public sealed class ProblemLog
{
    public const int Limit = 100;
    private readonly List<FileProblem> _kept = [];

    public long Total { get; private set; }

    public bool Any => Total > 0;

    public IReadOnlyList<FileProblem> Kept => _kept;

    public void Add(FileProblem problem)
    {
        Total++;
        if (_kept.Count < Limit) _kept.Add(problem);
    }

    /// <summary>Adds problems counted elsewhere (e.g. by a query) of which only some are listed.</summary>
    public void Add(IEnumerable<FileProblem> listed, long total)
    {
        var count = 0L;
        foreach (var problem in listed)
        {
            count++;
            if (_kept.Count < Limit) _kept.Add(problem);
        }

        Total += Math.Max(total, count);
    }
}
