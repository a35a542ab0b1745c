using System.Globalization;
using System.Text;

namespace Qinglang.Labels.Carriers.Pdf;

/// <summary>
/// Parses PDF objects (ISO 32000-1 §7.2–7.3) from <see cref="PdfBytes"/> at a position. Every nesting level, string
/// and container is bounded, so hostile input ends in a <see cref="ContainerFormatException"/>, never a deep
/// recursion or a large allocation.
/// </summary>
internal sealed partial class PdfParser(PdfBytes bytes)
{
    public const int MaxDepth = 32;
    public const int MaxStringBytes = 8 << 20;
    public const int MaxContainerEntries = 1 << 18;

    /// <summary>How far past a stream's declared end the parser looks for <c>endstream</c> when /Length lies.</summary>
    private const int MaxStreamSearch = 64 << 20;

    public long Position { get; set; }

    public PdfBytes Bytes => bytes;

    public static bool IsWhitespace(int c) => c is 0 or 9 or 10 or 12 or 13 or 32;

    public static bool IsDelimiter(int c) => c is '(' or ')' or '<' or '>' or '[' or ']' or '{' or '}' or '/' or '%';

    private static bool IsRegular(int c) => c >= 0 && !IsWhitespace(c) && !IsDelimiter(c);

    /// <summary>Skips whitespace and comments.</summary>
    public void SkipSpace()
    {
        while (true)
        {
            var c = bytes.At(Position);
            if (IsWhitespace(c))
            {
                Position++;
            }
            else if (c == '%')
            {
                while (bytes.At(Position) is not (-1 or 10 or 13))
                {
                    Position++;
                }
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>Reads a run of regular characters (a keyword or number) after skipping space; empty at a delimiter.</summary>
    public string ReadWord(int max = 64)
    {
        SkipSpace();
        var builder = new StringBuilder();
        while (IsRegular(bytes.At(Position)))
        {
            if (builder.Length >= max)
            {
                throw new ContainerFormatException($"token longer than {max} characters", Position);
            }

            builder.Append((char)bytes.At(Position));
            Position++;
        }

        return builder.ToString();
    }

    /// <summary>Like <see cref="ReadWord"/> but returns null instead of failing on a long token (for look-ahead).</summary>
    private string? PeekWord(int max)
    {
        SkipSpace();
        var builder = new StringBuilder(max);
        while (IsRegular(bytes.At(Position)))
        {
            if (builder.Length >= max)
            {
                return null;
            }

            builder.Append((char)bytes.At(Position++));
        }

        return builder.ToString();
    }

    /// <summary>Reads a keyword and requires it to be <paramref name="keyword"/>.</summary>
    public void Expect(string keyword)
    {
        var at = Position;
        var word = ReadWord();
        if (word != keyword)
        {
            throw new ContainerFormatException($"expected '{keyword}' but found '{Truncate(word)}'", at);
        }
    }

    /// <summary>Reads a non-negative integer that fits in a long.</summary>
    public long ReadNonNegative(string what)
    {
        var at = Position;
        var word = ReadWord(20);
        if (word.Length == 0 || !word.All(char.IsAsciiDigit) || !long.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            throw new ContainerFormatException($"expected {what} but found '{Truncate(word)}'", at);
        }

        return value;
    }

    /// <summary>Parses an indirect object <c>N G obj … endobj</c> at <paramref name="offset"/>.</summary>
    /// <param name="lengthOf">Resolves a stream's /Length (which may be an indirect reference); null when unknown.</param>
    public PdfIndirectObject ParseIndirect(long offset, Func<PdfObject?, long?> lengthOf)
    {
        Position = offset;
        var number = ReadNonNegative("an object number");
        var generation = ReadNonNegative("a generation number");
        Expect("obj");
        if (number > int.MaxValue || generation > ushort.MaxValue)
        {
            throw new ContainerFormatException($"object number {number} {generation} is out of range", offset);
        }

        var value = ParseValue(0);
        SkipSpace();
        if (value is PdfDictionary dictionary && bytes.Matches(Position, "stream"))
        {
            value = ParseStreamData(dictionary, lengthOf);
        }

        return new PdfIndirectObject((int)number, (int)generation, value, offset);
    }

    /// <summary>Parses one direct object at the current position (a reference <c>N G R</c> counts as one).</summary>
    public PdfObject ParseValue(int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ContainerFormatException($"objects nested more than {MaxDepth} deep", Position);
        }

        SkipSpace();
        var start = Position;
        var c = bytes.At(Position);
        switch (c)
        {
            case -1:
                throw new ContainerFormatException("data ends where an object was expected", Position);
            case '/':
                Position++;
                return new PdfName(ReadName());
            case '(':
                Position++;
                return new PdfString(ReadLiteralString(), IsHex: false);
            case '<' when bytes.At(Position + 1) == '<':
                Position += 2;
                return ReadDictionary(depth);
            case '<':
                Position++;
                return new PdfString(ReadHexString(), IsHex: true);
            case '[':
                Position++;
                return ReadArray(depth);
        }

        var word = ReadWord();
        switch (word)
        {
            case "true":
                return new PdfBoolean(true);
            case "false":
                return new PdfBoolean(false);
            case "null":
                return PdfNull.Instance;
            case "":
                throw new ContainerFormatException($"unexpected '{(char)c}'", start);
        }

        var number = ParseNumber(word, start);
        if (number.AsNonNegativeLong is { } objectNumber && objectNumber <= int.MaxValue)
        {
            // "N G R" is a reference; anything else leaves the integer alone.
            var after = Position;
            var second = PeekWord(8);
            if (second is { Length: > 0 } && second.All(char.IsAsciiDigit) && PeekWord(8) == "R")
            {
                return new PdfReference((int)objectNumber, int.Parse(second, CultureInfo.InvariantCulture));
            }

            Position = after;
        }

        return number;
    }

    private PdfStream ParseStreamData(PdfDictionary dictionary, Func<PdfObject?, long?> lengthOf)
    {
        Position += "stream".Length;
        if (bytes.At(Position) == 13)
        {
            Position++;
        }

        if (bytes.At(Position) == 10)
        {
            Position++;
        }

        var dataOffset = Position;
        var declared = lengthOf(dictionary["Length"]);
        if (declared is { } length && length <= bytes.Length - dataOffset && EndstreamFollows(dataOffset + length))
        {
            return new PdfStream(dictionary, dataOffset, length);
        }

        // /Length is missing or wrong: the data ends at the next "endstream" (trailing EOL not part of it).
        var limit = Math.Min(bytes.Length, dataOffset + MaxStreamSearch);
        for (var at = dataOffset; at < limit; at++)
        {
            if (bytes.At(at) == 'e' && bytes.Matches(at, "endstream"))
            {
                var end = at;
                if (end > dataOffset && bytes.At(end - 1) == 10)
                {
                    end--;
                }

                if (end > dataOffset && bytes.At(end - 1) == 13)
                {
                    end--;
                }

                Position = at + "endstream".Length;
                return new PdfStream(dictionary, dataOffset, end - dataOffset);
            }
        }

        throw new ContainerFormatException("stream has no usable /Length and no endstream", dataOffset);
    }

    private bool EndstreamFollows(long end)
    {
        Position = end;
        SkipSpace();
        if (bytes.Matches(Position, "endstream"))
        {
            Position += "endstream".Length;
            return true;
        }

        return false;
    }

    private static PdfNumber ParseNumber(string word, long at)
    {
        if (word.Length > 40 || !double.TryParse(word, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            throw new ContainerFormatException($"'{Truncate(word)}' is not a PDF object", at);
        }

        return new PdfNumber(word, value);
    }

    private string ReadName()
    {
        var raw = new List<byte>();
        while (IsRegular(bytes.At(Position)))
        {
            if (raw.Count >= 256)
            {
                throw new ContainerFormatException("name longer than 256 bytes", Position);
            }

            var c = bytes.At(Position++);
            var high = c == '#' ? HexValue(bytes.At(Position)) : -1;
            var low = c == '#' ? HexValue(bytes.At(Position + 1)) : -1;
            if (high >= 0 && low >= 0)
            {
                raw.Add((byte)((high << 4) | low));
                Position += 2;
            }
            else
            {
                raw.Add((byte)c);
            }
        }

        return Encoding.UTF8.GetString([.. raw]);
    }

    private PdfArray ReadArray(int depth)
    {
        var items = new List<PdfObject>();
        while (true)
        {
            SkipSpace();
            if (bytes.At(Position) == ']')
            {
                Position++;
                return new PdfArray(items);
            }

            if (items.Count >= MaxContainerEntries)
            {
                throw new ContainerFormatException($"array with more than {MaxContainerEntries} items", Position);
            }

            items.Add(ParseValue(depth + 1));
        }
    }

    private PdfDictionary ReadDictionary(int depth)
    {
        var entries = new List<KeyValuePair<string, PdfObject>>();
        while (true)
        {
            SkipSpace();
            if (bytes.At(Position) == '>' && bytes.At(Position + 1) == '>')
            {
                Position += 2;
                return new PdfDictionary(entries);
            }

            if (bytes.At(Position) != '/')
            {
                throw new ContainerFormatException("dictionary key is not a name", Position);
            }

            if (entries.Count >= MaxContainerEntries)
            {
                throw new ContainerFormatException($"dictionary with more than {MaxContainerEntries} entries", Position);
            }

            Position++;
            var key = ReadName();
            entries.Add(new(key, ParseValue(depth + 1)));
        }
    }

    private static string Truncate(string text) => text.Length > 20 ? text[..20] + "…" : text;
}
