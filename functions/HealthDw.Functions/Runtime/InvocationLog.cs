using System.Buffers;
using System.Text;
using System.Text.Json;

namespace HealthDw.Functions.Runtime;

/// <summary>
/// Structured JSON log lines (one object per line, as CloudWatch Logs indexes them): the host's
/// start-up and one line per invocation with request id, handler, duration and outcome. Lines
/// carry names, ids and counts only; never payloads.
/// </summary>
public sealed class InvocationLog(TextWriter output, TimeProvider time, string service = "healthdw")
{
    public void Invocation(string requestId, string handler, double durationMs, InvocationOutcome outcome, RuntimeError? error = null) =>
        Write(outcome == InvocationOutcome.Success ? "INFO" : "ERROR", "invocation", json =>
        {
            json.WriteString("requestId", requestId);
            json.WriteString("handler", handler);
            json.WriteNumber("durationMs", Math.Round(durationMs, 3));
            json.WriteString("outcome", outcome == InvocationOutcome.Success ? "success" : "error");
            if (error is null) return;
            json.WriteString("errorType", error.ErrorType);
            json.WriteString("errorMessage", error.ErrorMessage);
        });

    public void Event(string level, string message, string handler, string? errorType = null) =>
        Write(level, message, json =>
        {
            json.WriteString("handler", handler);
            if (errorType is not null) json.WriteString("errorType", errorType);
        });

    private void Write(string level, string message, Action<Utf8JsonWriter> fields)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, JsonLines.Options))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("level", level);
            json.WriteString("service", service);
            json.WriteString("message", message);
            fields(json);
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan)); // one call per line: lines never interleave
    }
}
