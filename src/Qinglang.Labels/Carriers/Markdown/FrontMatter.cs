using Qinglang.Labels.IO;

namespace Qinglang.Labels.Carriers.Markdown;

/// <summary>
/// Where a Markdown file's YAML front matter lies (Jekyll/Hugo convention): a first line <c>---</c>, YAML lines,
/// then a closing <c>---</c> or <c>...</c> line. Everything is kept as byte offsets into the file's head, so lines
/// that are not the label are copied byte for byte.
/// </summary>
internal sealed class FrontMatter
{
    /// <summary>Front matter beyond this is not read (YAML metadata of a document is a few kilobytes).</summary>
    public const int MaxLength = 1 << 20;

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private FrontMatter(byte[] head, bool hasBom, string newLine, List<TextLine>? lines, int end)
    {
        Head = head;
        HasBom = hasBom;
        NewLine = newLine;
        Lines = lines;
        End = end;
    }

    /// <summary>The first bytes of the file (up to the front matter's end, or <see cref="MaxLength"/>).</summary>
    public byte[] Head { get; }

    public bool HasBom { get; }

    /// <summary>The file's line terminator, from its first line: <c>\r\n</c> or <c>\n</c>.</summary>
    public string NewLine { get; }

    /// <summary>The YAML lines between the delimiters, or null when the file has no front matter.</summary>
    public List<TextLine>? Lines { get; }

    /// <summary>Offset just after the closing delimiter line (after the BOM when there is no front matter).</summary>
    public int End { get; }

    /// <summary>The file opens with a <c>+++</c> line: Hugo's TOML front matter, which this carrier does not edit.</summary>
    public bool StartsWithTomlFrontMatter
    {
        get
        {
            var start = HasBom ? Utf8Bom.Length : 0;
            var first = TextLine.Split(Head.AsSpan(0, Math.Min(Head.Length, start + 64)), start).FirstOrDefault();
            return first.Text(Head).TrimEnd((ReadOnlySpan<byte>)[(byte)' ', (byte)'\t']).SequenceEqual("+++"u8);
        }
    }

    public int BodyStart => Lines is null ? (HasBom ? Utf8Bom.Length : 0) : End;

    /// <summary>The opening delimiter line (after any BOM), the closing one is <see cref="ClosingLine"/>.</summary>
    public TextLine OpeningLine { get; private init; }

    public TextLine ClosingLine { get; private init; }

    public static FrontMatter Find(Stream input)
    {
        input.Position = 0;
        var head = input.ReadBlock(Math.Min(input.Length, MaxLength), MaxLength, "Markdown head");
        var hasBom = head.AsSpan().StartsWith(Utf8Bom);
        var start = hasBom ? Utf8Bom.Length : 0;
        var lines = TextLine.Split(head, start);
        var newLine = lines.Count > 0 && lines[0].HasTerminator && lines[0].End - lines[0].TextEnd == 2 ? "\r\n" : "\n";
        if (lines.Count < 2 || !IsDelimiter(lines[0].Text(head), opening: true))
        {
            return new FrontMatter(head, hasBom, newLine, null, start);
        }

        for (var i = 1; i < lines.Count; i++)
        {
            // A closing line cut off by the read limit is not a closing line.
            if (IsDelimiter(lines[i].Text(head), opening: false) && (lines[i].HasTerminator || lines[i].End == input.Length))
            {
                return new FrontMatter(head, hasBom, newLine, lines[1..i], lines[i].End)
                {
                    OpeningLine = lines[0],
                    ClosingLine = lines[i],
                };
            }
        }

        return new FrontMatter(head, hasBom, newLine, null, start);
    }

    /// <summary><c>---</c> (either end) or <c>...</c> (closing only), with trailing spaces allowed.</summary>
    public static bool IsDelimiter(ReadOnlySpan<byte> line, bool opening)
    {
        var trimmed = line.TrimEnd((ReadOnlySpan<byte>)[(byte)' ', (byte)'\t']);
        return trimmed.SequenceEqual("---"u8) || (!opening && trimmed.SequenceEqual("..."u8));
    }
}
