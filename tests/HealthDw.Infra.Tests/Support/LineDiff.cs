using System.Text;

namespace HealthDw.Infra.Tests.Support;

/// <summary>A unified-style line diff (3 lines of context) between two texts, for failure messages.</summary>
public static class LineDiff
{
    private const int Context = 3;
    private const int MaxLines = 150;

    public static string Unified(string expected, string actual, string expectedName = "snapshot", string actualName = "synthesized")
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix]) prefix++;
        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)]) suffix++;

        var ops = Middle(a[prefix..(a.Length - suffix)], b[prefix..(b.Length - suffix)]);
        var lines = new List<(char Kind, string Text, int Line)>();
        for (var i = 0; i < prefix; i++) lines.Add((' ', a[i], i + 1));
        var lineA = prefix;
        foreach (var (kind, text) in ops)
        {
            lines.Add((kind, text, kind == '+' ? -1 : ++lineA));
        }

        for (var i = a.Length - suffix; i < a.Length; i++) lines.Add((' ', a[i], i + 1));

        var output = new StringBuilder($"--- {expectedName}\n+++ {actualName}\n");
        var written = 0;
        for (var i = 0; i < lines.Count && written < MaxLines; i++)
        {
            if (lines[i].Kind == ' ') continue;
            var start = Math.Max(0, i - Context);
            var end = i;
            while (end < lines.Count && (lines[end].Kind != ' ' || Enumerable.Range(end, Math.Min(Context * 2, lines.Count - end)).Any(j => lines[j].Kind != ' ')))
                end++;
            end = Math.Min(lines.Count, end + Context);
            output.Append($"@@ near line {lines.Skip(start).Select(l => l.Line).FirstOrDefault(n => n > 0)} @@\n");
            for (var j = start; j < end && written < MaxLines; j++, written++) output.Append(lines[j].Kind).Append(lines[j].Text).Append('\n');
            i = end;
        }

        if (written >= MaxLines) output.Append($"… (diff cut at {MaxLines} lines)\n");
        return output.ToString();
    }

    /// <summary>An LCS edit script for the differing middle; a plain replace when it is too large to align.</summary>
    private static List<(char Kind, string Text)> Middle(string[] a, string[] b)
    {
        var ops = new List<(char, string)>();
        if ((long)a.Length * b.Length > 4_000_000)
        {
            ops.AddRange(a.Select(x => ('-', x)));
            ops.AddRange(b.Select(x => ('+', x)));
            return ops;
        }

        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        }

        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                ops.Add((' ', a[x++]));
                y++;
            }
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                ops.Add(('-', a[x++]));
            }
            else
            {
                ops.Add(('+', b[y++]));
            }
        }

        return ops;
    }
}
