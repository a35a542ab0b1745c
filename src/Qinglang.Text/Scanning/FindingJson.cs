using System.Text;
using System.Text.Json;
using Qinglang.Core;

namespace Qinglang.Text.Scanning;

/// <summary>
/// Writes findings as JSON objects: <c>category</c>, <c>categoryName</c>, <c>severity</c>, <c>start</c>, <c>end</c>,
/// <c>text</c>, <c>normalized</c>, <c>rule</c>. Offsets are UTF-16 units into the scanned text.
/// </summary>
public static class FindingJson
{
    public static void Write(Utf8JsonWriter writer, LocatedFinding located)
    {
        var finding = located.Finding;
        writer.WriteStartObject();
        writer.WriteString("category", finding.Category);
        if (CategoryCodes.ChineseNames.TryGetValue(finding.Category, out var name))
        {
            writer.WriteString("categoryName", name);
        }

        writer.WriteString("severity", finding.Severity.ToString().ToLowerInvariant());
        writer.WriteNumber("start", located.Start);
        writer.WriteNumber("end", located.End);
        writer.WriteString("text", WellFormed(finding.Text));
        writer.WriteString("normalized", WellFormed(finding.Normalized));
        writer.WriteString("rule", WellFormed(finding.Rule));
        writer.WriteEndObject();
    }

    /// <summary>
    /// <paramref name="text"/> with lone surrogates replaced by U+FFFD (JSON writers refuse them). One unit for one,
    /// so lengths and offsets still agree with the scanned text.
    /// </summary>
    public static string WellFormed(string text)
    {
        var bad = FirstLoneSurrogate(text);
        if (bad < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text);
        for (var i = bad; i < builder.Length; i++)
        {
            if (char.IsHighSurrogate(builder[i]) && i + 1 < builder.Length && char.IsLowSurrogate(builder[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(builder[i]))
            {
                builder[i] = '\uFFFD';
            }
        }

        return builder.ToString();
    }

    private static int FirstLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsSurrogate(text[i]))
            {
                continue;
            }

            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            return i;
        }

        return -1;
    }
}
