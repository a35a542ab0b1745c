using System.Text;
using System.Text.RegularExpressions;
using Qinglang.Labels.Carriers.Text;

namespace Qinglang.Labels.Carriers.Markdown;

/// <summary>
/// Tells Markdown from other text by content (it has no magic). Conservative: a file is Markdown when it opens with
/// YAML front matter, or when its head shows Markdown-only structure — a fenced code block, a link, emphasis, a
/// table, a setext heading, or headings of two levels set off by blank lines — together with other structure. Scripts and config files, whose <c># comments</c>
/// and <c>- items</c> look like headings and lists, stay plain text.
/// </summary>
internal static partial class MarkdownSniffer
{
    [Flags]
    private enum Signals
    {
        None = 0,
        Heading = 1,
        List = 2,
        Quote = 4,
        Fence = 8,
        Link = 16,
        Emphasis = 32,
        Table = 64,
        Setext = 128,
    }

    private const Signals Distinctive = Signals.Fence | Signals.Link | Signals.Emphasis | Signals.Table | Signals.Setext;

    [GeneratedRegex(@"^#{1,6}[ \t]+\S")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+\S")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"^ {0,3}(?:```|~~~)")]
    private static partial Regex Fence();

    [GeneratedRegex(@"!?\[[^\]\r\n]+\]\((?:https?://|mailto:|\.{0,2}/|#)?[^\s()]+(?:\s+""[^""]*"")?\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"(?:^|[\s(])(?:\*\*[^\s*][^*\r\n]*?[^\s*]\*\*|__[^\s_][^_\r\n]*?[^\s_]__|\*[^\s*][^*\r\n]*?[^\s*]\*|`[^`\r\n]+`)(?=$|[\s.,;:!?)])")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$")]
    private static partial Regex TableRule();

    [GeneratedRegex(@"^={3,}\s*$")]
    private static partial Regex SetextRule();

    /// <summary><c>key: value</c>, <c>key = value</c>, an INI <c>[section]</c>, or a code line ending in a brace or semicolon.</summary>
    [GeneratedRegex(@"^\s*(?:[\w.""'-]+\s*[:=](?:\s|$)|\[[^\]]+\]\s*$|.*[{};]\s*$)")]
    private static partial Regex CodeOrConfigLine();

    public static bool IsMarkdown(ReadOnlySpan<byte> head)
    {
        if (!TextSniffer.IsText(head) || head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return false; // Markdown here is UTF-8; UTF-16 text stays plain text
        }

        var text = Decode(head);
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var complete = head.Length < CarrierRegistry.HeadLength; // else the last line may be cut off
        if (lines.Count > 1 && lines[0].TrimEnd() == "---" && lines.Skip(1).Take(lines.Count - (complete ? 1 : 2)).Any(l => l.TrimEnd() is "---" or "..."))
        {
            return true; // front matter that closes within the head
        }

        var first = lines.FirstOrDefault(l => l.Trim().Length > 0)?.TrimStart() ?? "";
        if (first.StartsWith("#!", StringComparison.Ordinal) || first.StartsWith('<') || first.StartsWith('{') || first.StartsWith('['))
        {
            return false; // scripts, markup, JSON
        }

        var signals = Signals.None;
        var nonBlank = 0;
        var codeLike = 0;
        var previousBlank = true;
        var previousText = false;
        var headingOpen = false;
        var separatedHeadings = 0;
        var headingLevels = 0;
        foreach (var line in lines)
        {
            if (line.Trim().Length == 0)
            {
                separatedHeadings += headingOpen ? 1 : 0;
                headingOpen = false;
                previousBlank = true;
                previousText = false;
                continue;
            }

            headingOpen = previousBlank && Heading().IsMatch(line);
            if (headingOpen)
            {
                headingLevels |= 1 << line.TakeWhile(c => c == '#').Count();
            }

            nonBlank++;
            codeLike += CodeOrConfigLine().IsMatch(line) ? 1 : 0;
            signals |= Heading().IsMatch(line) && previousBlank ? Signals.Heading : 0;
            signals |= ListItem().IsMatch(line) ? Signals.List : 0;
            signals |= line.StartsWith("> ", StringComparison.Ordinal) ? Signals.Quote : 0;
            signals |= Fence().IsMatch(line) ? Signals.Fence : 0;
            signals |= Link().IsMatch(line) ? Signals.Link : 0;
            signals |= Emphasis().IsMatch(line) ? Signals.Emphasis : 0;
            signals |= TableRule().IsMatch(line) ? Signals.Table : 0;
            signals |= SetextRule().IsMatch(line) && previousText ? Signals.Setext : 0;
            previousText = !Heading().IsMatch(line) && !ListItem().IsMatch(line);
            previousBlank = false;
        }

        if (nonBlank == 0 || codeLike * 5 > nonBlank * 2)
        {
            return false; // mostly key/value or code lines: configuration or source, not prose
        }

        // Headings of two levels, each set off by blank lines, are how documents look; comments in scripts and
        // config files rarely nest like that.
        var kinds = System.Numerics.BitOperations.PopCount((uint)signals);
        var outline = separatedHeadings >= 2 && System.Numerics.BitOperations.PopCount((uint)headingLevels) >= 2;
        return kinds >= 2 && ((signals & Distinctive) != 0 || outline);
    }

    private static string Decode(ReadOnlySpan<byte> head)
    {
        var start = head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        return Encoding.UTF8.GetString(head[start..]);
    }
}
