using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Qinglang.Text.Normalization;

/// <summary>
/// Every normalization step for one <see cref="NormalizationOptions"/>, precomputed per code point, so the hot loop
/// does one array read per character. An entry is a kind (top 4 bits) and a payload (low 28 bits). The BMP has a
/// direct 64K table; supplementary code points go through a two-stage page table whose untouched pages share one.
/// </summary>
internal sealed class CharMap
{
    /// <summary>Emit the BMP character in the payload (identity or mapped). Its value is the entry itself.</summary>
    public const uint Char = 0u << 28;

    /// <summary>Emit the supplementary code point in the payload as a surrogate pair.</summary>
    public const uint Rune = 1u << 28;

    /// <summary>Emit several characters: payload is offset &lt;&lt; 5 | length into <see cref="Expansions"/>.</summary>
    public const uint Expansion = 2u << 28;

    /// <summary>Emit nothing (invisible, noise, or folded to nothing).</summary>
    public const uint Drop = 3u << 28;

    /// <summary>
    /// <see cref="Drop"/> as the BMP table writes it: the value right above every <see cref="Char"/> entry, so the hot
    /// loop tells "emit or drop" from everything else with one compare, and emits or drops without a branch.
    /// </summary>
    public const uint BmpDrop = char.MaxValue + 1;

    /// <summary>The start of an emoji unit (pictograph or regional indicator), handled per <see cref="EmojiHandling"/>.</summary>
    public const uint Emoji = 4u << 28;

    /// <summary>A high surrogate: look at the next unit to decide (pair, or lone).</summary>
    public const uint HighSurrogate = 5u << 28;

    /// <summary>Emit the original code units unchanged (supplementary pages: the shared page holds only these).</summary>
    public const uint Keep = 6u << 28;

    public const uint KindMask = 0xF000_0000;
    public const uint PayloadMask = 0x0FFF_FFFF;
    public const int PageBits = 8;

    private static readonly ConcurrentDictionary<NormalizationOptions, CharMap> Cache = new();

    public CharMap(uint[] bmp, ushort[] pageIndex, uint[] pages, char[] expansions, NormalizationOptions options)
    {
        Bmp = bmp;
        Plain = PlainTable(bmp);
        PageIndex = pageIndex;
        Pages = pages;
        Expansions = expansions;
        Options = options;
    }

    /// <summary>Entries of U+0000–U+FFFF (a dropped character is <see cref="BmpDrop"/> here).</summary>
    public uint[] Bmp { get; }

    /// <summary>
    /// What the hot loop reads instead of <see cref="Bmp"/>, half its size so it holds its own in the cache next to a
    /// matcher's tables: the character a BMP character becomes, <see cref="PlainDrop"/> when it is dropped, and a
    /// surrogate value (<see cref="PlainSpecial"/>) when <see cref="Bmp"/> must be asked (anything but one character
    /// for one, and the rare characters that become NUL or a surrogate).
    /// </summary>
    public char[] Plain { get; }

    /// <summary>A dropped character in <see cref="Plain"/>.</summary>
    public const char PlainDrop = '\0';

    /// <summary>Any surrogate value in <see cref="Plain"/> sends the character to <see cref="Bmp"/>; this one is written.</summary>
    public const char PlainSpecial = '\uD800';

    /// <summary>For code point <c>cp</c>, the page holding its entry is <c>PageIndex[cp &gt;&gt; 8]</c>.</summary>
    public ushort[] PageIndex { get; }

    public uint[] Pages { get; }

    public char[] Expansions { get; }

    public NormalizationOptions Options { get; }

    private static char[] PlainTable(uint[] bmp)
    {
        var plain = new char[bmp.Length];
        for (var c = 0; c < bmp.Length; c++)
        {
            var entry = bmp[c];
            plain[c] = entry == BmpDrop ? PlainDrop
                : entry is > 0 and <= char.MaxValue && !char.IsSurrogate((char)entry) ? (char)entry
                : PlainSpecial;
        }

        return plain;
    }

    /// <summary>The map for <paramref name="options"/>, built once per distinct options value.</summary>
    public static CharMap For(NormalizationOptions options) => Cache.GetOrAdd(options, CharMapBuilder.Build);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Supplementary(int codePoint) =>
        Pages[(PageIndex[codePoint >> PageBits] << PageBits) | (codePoint & ((1 << PageBits) - 1))];

    public uint Entry(int codePoint) => codePoint <= char.MaxValue ? Bmp[codePoint] : Supplementary(codePoint);
}
