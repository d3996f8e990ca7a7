namespace HealthDw.Core.Lineage;

/// <summary>A trace that cannot be made as asked: an unknown model, a key written wrongly, a key no row has, or a model
/// that declares no lineage. The message is one line that names models, columns and the key typed, never a cell value.</summary>
public sealed class RowTraceException(string message) : Exception(message);
