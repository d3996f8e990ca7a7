using System.Text.RegularExpressions;

namespace HealthDw.Core.Routing;

/// <summary>A file-name pattern and the staging table its files load into.</summary>
public sealed record Route(string Table, Regex Pattern, bool Required);
