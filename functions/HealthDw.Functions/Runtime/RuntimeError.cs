using System.Buffers;
using System.Text.Json;

namespace HealthDw.Functions.Runtime;

/// <summary>
/// An error as the Runtime API takes it: <c>{"errorMessage","errorType","stackTrace":[]}</c>, with
/// errorType also sent as the Lambda-Runtime-Function-Error-Type header. The message is the
/// exception's own message (never its stack trace); the frames name methods, never values. A step's
/// own error (<see cref="IStepError"/>: bad input, a refused file) is an answer, not a bug: it goes
/// without frames, so the Step Functions console shows its message alone.
/// </summary>
public sealed record RuntimeError(string ErrorType, string ErrorMessage, IReadOnlyList<string> StackTrace)
{
    private const int MaxFrames = 50;

    public static RuntimeError From(Exception exception) =>
        new(ErrorNameOf(exception), exception.Message, exception is IStepError ? [] : FramesOf(exception));

    /// <summary>The name Step Functions sees: <see cref="IStepError.ErrorName"/>, else the exception type's name.</summary>
    public static string ErrorNameOf(Exception exception) =>
        exception is IStepError { ErrorName: { Length: > 0 } name } ? name : exception.GetType().Name;

    public byte[] ToJson()
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer, JsonLines.Options))
        {
            json.WriteStartObject();
            json.WriteString("errorMessage", ErrorMessage);
            json.WriteString("errorType", ErrorType);
            json.WriteStartArray("stackTrace");
            foreach (var frame in StackTrace) json.WriteStringValue(frame);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    // The text of Exception.StackTrace rather than StackFrame.GetMethod(): it needs no reflection
    // (trim/AOT-safe) and holds method signatures only.
    private static string[] FramesOf(Exception exception) =>
        (exception.StackTrace ?? "")
        .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(line => line.StartsWith("at ", StringComparison.Ordinal) ? line[3..] : line)
        .Take(MaxFrames)
        .ToArray();
}
