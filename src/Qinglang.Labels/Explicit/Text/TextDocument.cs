using System.Text;

namespace Qinglang.Labels.Explicit.Text;

/// <summary>
/// A whole text or Markdown file decoded: its bytes, encoding, text (byte order mark excluded), line-ending style
/// and where its body starts (after the YAML or TOML front matter of Markdown, which readers never see).
/// </summary>
internal sealed class TextDocument
{
    /// <summary>Texts beyond this are not read: a notice check holds the whole text in memory (twice, as bytes and chars).</summary>
    public const long MaxBytes = 64L << 20;

    private TextDocument(byte[] bytes, string format, TextEncodingForm form, string text)
    {
        Bytes = bytes;
        Format = format;
        Form = form;
        Text = text;
        var firstBreak = text.IndexOf('\n');
        NewLine = firstBreak > 0 && text[firstBreak - 1] == '\r' ? "\r\n" : "\n";
        BodyStart = IsMarkdown ? FrontMatterEnd(text) : 0;
    }

    public byte[] Bytes { get; }

    /// <summary>"text" or "markdown": the carrier format the file was detected as.</summary>
    public string Format { get; }

    public bool IsMarkdown => Format == "markdown";

    public TextEncodingForm Form { get; }

    public string Text { get; }

    /// <summary>The file's line terminator, from its first line (as the front matter carrier takes it); LF when it has none.</summary>
    public string NewLine { get; }

    /// <summary>Where the visible text starts: after the front matter's closing line, else 0.</summary>
    public int BodyStart { get; }

    public static TextDocument Load(string path, string format)
    {
        try
        {
            using var file = File.OpenRead(path);
            if (file.Length > MaxBytes)
            {
                throw new TextFormatException(NoticeProblemCodes.TooLarge, $"{file.Length:N0} bytes is more text than Qinglang reads ({MaxBytes / (1 << 20)} MiB)");
            }

            var bytes = new byte[file.Length];
            file.ReadExactly(bytes);
            return Parse(bytes, format);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new TextFormatException(NoticeProblemCodes.Unreadable, ex.Message, ex);
        }
    }

    public static TextDocument Parse(byte[] bytes, string format)
    {
        var form = TextEncodingForm.Of(bytes);
        try
        {
            var text = form.Encoding.GetString(bytes, form.PreambleLength, bytes.Length - form.PreambleLength);
            return new TextDocument(bytes, format, form, text);
        }
        catch (DecoderFallbackException ex)
        {
            throw new TextFormatException(NoticeProblemCodes.Encoding, $"the text is not valid {form.Name} (bad bytes at offset {form.PreambleLength + ex.Index})", ex);
        }
    }

    /// <summary>The byte offset in the file of the character at <paramref name="index"/> of <see cref="Text"/>.</summary>
    public int ByteOffset(int index) => Form.PreambleLength + Form.Encoding.GetByteCount(Text.AsSpan(0, index));

    /// <summary>The 1-based line number of the character at <paramref name="index"/>.</summary>
    public int LineNumber(int index) => 1 + Text.AsSpan(0, index).Count('\n');

    /// <summary>Front matter: a first line <c>---</c> closed by <c>---</c> or <c>...</c> (YAML), or <c>+++</c> closed by <c>+++</c> (TOML).</summary>
    private static int FrontMatterEnd(string text)
    {
        var first = LineAt(text, 0);
        var opening = Delimiter(text, first);
        if (opening is not ("---" or "+++"))
        {
            return 0;
        }

        for (var line = NextLine(text, first); line.Start < text.Length; line = NextLine(text, line))
        {
            var delimiter = Delimiter(text, line);
            if (delimiter == opening || (opening == "---" && delimiter == "..."))
            {
                return line.End;
            }
        }

        return 0;
    }

    private static string Delimiter(string text, Line line) => text[line.Start..line.TextEnd].TrimEnd(' ', '\t');

    private static Line NextLine(string text, Line line) => LineAt(text, line.End);

    /// <summary>The line starting at <paramref name="start"/>: its text (without CR LF) and where the next one starts.</summary>
    public static Line LineAt(string text, int start)
    {
        var newline = text.IndexOf('\n', start);
        var end = newline < 0 ? text.Length : newline + 1;
        var textEnd = newline < 0 ? text.Length : newline > start && text[newline - 1] == '\r' ? newline - 1 : newline;
        return new Line(start, textEnd, end);
    }

    /// <summary>A line of <see cref="Text"/>: [Start, TextEnd) is its text, End is where the next line starts.</summary>
    public readonly record struct Line(int Start, int TextEnd, int End)
    {
        public ReadOnlySpan<char> Of(string text) => text.AsSpan(Start, TextEnd - Start);
    }
}
