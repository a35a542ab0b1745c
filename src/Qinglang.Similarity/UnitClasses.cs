namespace Qinglang.Similarity;

/// <summary>What a normalized UTF-16 unit is to the shingler: one table read per character.</summary>
internal static class UnitClasses
{
    /// <summary>Dropped without effect: spaces, brackets, quotes, 、, symbols.</summary>
    public const byte Skip = 0;

    /// <summary>Ends a clause inside a sentence: ，；： and their ASCII forms.</summary>
    public const byte Boundary = 1;

    /// <summary>Ends a clause and a sentence: 。！？… and their ASCII forms, line breaks.</summary>
    public const byte SentenceEnd = 5;

    /// <summary>One unit per character: CJK ideographs, kana, Hangul syllables.</summary>
    public const byte Ideograph = 2;

    /// <summary>Part of a word unit: letters and digits of space-separated scripts.</summary>
    public const byte WordPart = 3;

    /// <summary>First half of a supplementary code point (one unit with its low surrogate).</summary>
    public const byte HighSurrogate = 4;

    /// <summary>The class of every BMP character.</summary>
    public static readonly byte[] Table = Build();

    private static byte[] Build()
    {
        var table = new byte[char.MaxValue + 1];
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var ch = (char)c;
            table[c] = ch switch
            {
                _ when char.IsHighSurrogate(ch) => HighSurrogate,
                _ when IsIdeographic(c) => Ideograph,
                ',' or ';' or ':' or '，' or '；' or '：' => Boundary,
                '.' or '!' or '?' or '\n' or '\r' or '\u2028' or '\u2029' or '。' or '！' or '？' or '｡' or '…' => SentenceEnd,
                _ when char.IsLetterOrDigit(ch) => WordPart,
                _ => Skip,
            };
        }

        return table;
    }

    private static bool IsIdeographic(int c) =>
        c is (>= 0x3400 and <= 0x4DBF) or (>= 0x4E00 and <= 0x9FFF) or (>= 0xF900 and <= 0xFAFF)
            or (>= 0x3040 and <= 0x30FF) or (>= 0xAC00 and <= 0xD7AF) or 0x3007;
}
