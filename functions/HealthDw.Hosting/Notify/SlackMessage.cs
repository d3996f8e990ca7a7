using System.Text;
using System.Text.Json;
using HealthDw.Core.Ports;

namespace HealthDw.Hosting.Notify;

/// <summary>A notification as a Slack Block Kit message: a header, the summary and detail lines, a link.</summary>
public static class SlackMessage
{
    private const int MaxSectionChars = 2900; // Slack's limit for a section's text is 3000

    public static byte[] Render(Notification n)
    {
        var icon = n.Kind switch
        {
            "drop_published" => ":white_check_mark:",
            "drop_blocked" or "drop_incomplete" => ":no_entry:",
            "file_rejected" => ":warning:",
            "late_file" => ":hourglass:",
            _ => ":rotating_light:",
        };
        var title = n.Kind switch
        {
            "drop_published" => $"Drop {n.DropId} published",
            "drop_blocked" => $"Drop {n.DropId} not published",
            "drop_incomplete" => $"Drop {n.DropId} incomplete",
            "file_rejected" => n.DropId is null ? "File rejected" : $"Files rejected in drop {n.DropId}",
            "late_file" => $"Late file for published drop {n.DropId}",
            _ => "HealthDw step failed",
        };
        var body = new StringBuilder(Escape(n.Summary));
        foreach (var line in n.Lines ?? []) body.Append('\n').Append("• ").Append(Escape(line));
        var text = body.Length > MaxSectionChars ? body.ToString(0, MaxSectionChars) + "\n…" : body.ToString();

        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteString("text", $"{title}: {n.Summary}");
            json.WriteStartArray("blocks");
            json.WriteStartObject();
            json.WriteString("type", "header");
            json.WriteStartObject("text");
            json.WriteString("type", "plain_text");
            json.WriteString("text", $"{icon} {title}".Length > 150 ? title[..150] : $"{icon} {title}");
            json.WriteBoolean("emoji", true);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteStartObject();
            json.WriteString("type", "section");
            json.WriteStartObject("text");
            json.WriteString("type", "mrkdwn");
            json.WriteString("text", text);
            json.WriteEndObject();
            json.WriteEndObject();
            if (n.Link is not null || n.ExecutionId is not null)
            {
                json.WriteStartObject();
                json.WriteString("type", "context");
                json.WriteStartArray("elements");
                json.WriteStartObject();
                json.WriteString("type", "mrkdwn");
                json.WriteString("text", n.Link is { } link && link.StartsWith("https://", StringComparison.Ordinal)
                    ? $"<{link}|execution {Escape(n.ExecutionId ?? "")}>"
                    : $"execution: `{Escape(n.Link ?? n.ExecutionId ?? "")}`");
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>Slack's three control characters in mrkdwn.</summary>
    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
