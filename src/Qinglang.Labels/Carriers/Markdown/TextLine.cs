using System.Text;

namespace Qinglang.Labels.Carriers.Markdown;

/// <summary>One line of a byte buffer: where its text starts and ends, and where its line terminator ends.</summary>
internal readonly record struct TextLine(int Start, int TextEnd, int End)
{
    public ReadOnlySpan<byte> Text(ReadOnlySpan<byte> buffer) => buffer[Start..TextEnd];

    public string Decode(ReadOnlySpan<byte> buffer) => Encoding.UTF8.GetString(buffer[Start..TextEnd]);

    public bool HasTerminator => End > TextEnd;

    /// <summary>Splits at LF (a CR before it belongs to the terminator); the last line may have none.</summary>
    public static List<TextLine> Split(ReadOnlySpan<byte> buffer, int from = 0)
    {
        var lines = new List<TextLine>();
        var start = from;
        while (start < buffer.Length)
        {
            var newline = buffer[start..].IndexOf((byte)'\n');
            if (newline < 0)
            {
                lines.Add(new TextLine(start, buffer.Length, buffer.Length));
                break;
            }

            var end = start + newline + 1;
            var textEnd = newline > 0 && buffer[start + newline - 1] == '\r' ? start + newline - 1 : start + newline;
            lines.Add(new TextLine(start, textEnd, end));
            start = end;
        }

        return lines;
    }
}
