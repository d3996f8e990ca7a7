using System.Text.Encodings.Web;
using System.Text.Json;

namespace HealthDw.Functions.Runtime;

/// <summary>How the runtime writes JSON for logs and the Runtime API: compact, and with quotes and
/// non-ASCII text left readable (these are not HTML contexts, so HTML-safe escaping buys nothing).</summary>
internal static class JsonLines
{
    public static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
