using System.Buffers;
using System.Text;
using System.Text.Json;

namespace HealthDw.Functions.Runtime;

/// <summary>
/// CloudWatch Embedded Metric Format lines: a log line CloudWatch Logs turns into metrics, here
/// in the namespace "HealthDw" with the one dimension "Step":
/// <c>{"_aws":{"Timestamp":ms,"CloudWatchMetrics":[{"Namespace":"HealthDw","Dimensions":[["Step"]],
/// "Metrics":[{"Name":"Duration","Unit":"Milliseconds"}]}]},"Step":"route-file","Duration":12.5}</c>.
/// </summary>
public sealed class EmbeddedMetricWriter(TextWriter output, TimeProvider time, string metricNamespace = "HealthDw")
{
    public const string StepDimension = "Step";

    /// <summary>The format's limit on metrics per directive.</summary>
    public const int MaxMetrics = 100;

    public void Write(string step, params IReadOnlyList<MetricValue> metrics)
    {
        ArgumentException.ThrowIfNullOrEmpty(step);
        Validate(metrics);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, JsonLines.Options))
        {
            json.WriteStartObject();
            json.WriteStartObject("_aws");
            json.WriteNumber("Timestamp", time.GetUtcNow().ToUnixTimeMilliseconds());
            json.WriteStartArray("CloudWatchMetrics");
            json.WriteStartObject();
            json.WriteString("Namespace", metricNamespace);
            json.WriteStartArray("Dimensions");
            json.WriteStartArray();
            json.WriteStringValue(StepDimension);
            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteStartArray("Metrics");
            foreach (var metric in metrics)
            {
                json.WriteStartObject();
                json.WriteString("Name", metric.Name);
                json.WriteString("Unit", UnitName(metric.Unit));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteString(StepDimension, step);
            foreach (var metric in metrics) json.WriteNumber(metric.Name, metric.Value);
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>The unit's name as the format spells it.</summary>
    public static string UnitName(MetricUnit unit) => unit switch
    {
        MetricUnit.None => "None",
        MetricUnit.Count => "Count",
        MetricUnit.Milliseconds => "Milliseconds",
        MetricUnit.Seconds => "Seconds",
        MetricUnit.Bytes => "Bytes",
        MetricUnit.Megabytes => "Megabytes",
        MetricUnit.Percent => "Percent",
        MetricUnit.CountPerSecond => "Count/Second",
        MetricUnit.BytesPerSecond => "Bytes/Second",
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "not a CloudWatch unit"),
    };

    private static void Validate(IReadOnlyList<MetricValue> metrics)
    {
        if (metrics.Count is 0 or > MaxMetrics)
            throw new ArgumentException($"an embedded metric line holds 1 to {MaxMetrics} metrics, not {metrics.Count}", nameof(metrics));
        var names = new HashSet<string>(StringComparer.Ordinal) { StepDimension, "_aws" };
        foreach (var metric in metrics)
        {
            if (string.IsNullOrEmpty(metric.Name) || !names.Add(metric.Name))
                throw new ArgumentException($"metric name '{metric.Name}' is empty, repeated or reserved", nameof(metrics));
            if (!double.IsFinite(metric.Value))
                throw new ArgumentException($"metric '{metric.Name}' is not a finite number", nameof(metrics));
        }
    }
}
