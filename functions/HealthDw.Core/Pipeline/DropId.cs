using System.Globalization;
using System.Text.Json.Serialization;

namespace HealthDw.Core.Pipeline;

/// <summary>
/// A drop's id as routes.yml's patterns capture it from a file name: usually its time, <c>yyyyMMddTHHmm</c> (UTC), though a
/// route may capture another shape (the doctor's canary drops). What is worked out from the id is worked out here: its
/// time, its build schema and its manifest's key. On the wire (step inputs and outputs) it is the plain string.
/// </summary>
[JsonConverter(typeof(DropIdJsonConverter))]
public readonly record struct DropId
{
    private readonly string? _value;

    public DropId(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    public string Value => _value ?? throw new InvalidOperationException("a default DropId names no drop");

    /// <summary>The drop's timestamp (yyyyMMddTHHmm, UTC), when the id is one; null for any other shape.</summary>
    public DateTimeOffset? Time =>
        DateTimeOffset.TryParseExact(Value, "yyyyMMdd'T'HHmm", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) ? time : null;

    /// <summary><c>build_&lt;drop&gt;</c>, lower case, letters and digits only: one build schema per drop, a name every
    /// warehouse accepts unquoted.</summary>
    public string BuildSchema => $"build_{new string(Value.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray())}";

    /// <summary>Where the drop's manifest is once archived, and where the drop's status looks for it.</summary>
    public string ManifestKey => BucketLayout.ManifestKey(Value);

    public override string ToString() => Value;
}
