using System.Text;

namespace Qinglang.Text.Normalization;

/// <summary>
/// Mandarin readings from Unihan kMandarin (the first, most common reading), toneless and lower case with ü written
/// v as a pinyin keyboard types it (女 → nv). For lexicon entries that opt in to pinyin and initial matching; not
/// applied to text by default. Loaded once, on first use, from the embedded data/unihan/pinyin.txt.
/// </summary>
public sealed class PinyinTable
{
    private static readonly Lazy<PinyinTable> LazyShared = new(Load);

    private readonly string[] syllables;
    private readonly ushort[] bmp;
    private readonly Dictionary<int, ushort> supplementary;

    private PinyinTable(string[] syllables, ushort[] bmp, Dictionary<int, ushort> supplementary)
    {
        this.syllables = syllables;
        this.bmp = bmp;
        this.supplementary = supplementary;
    }

    public static PinyinTable Shared => LazyShared.Value;

    /// <summary>How many characters have a reading.</summary>
    public int Count { get; private init; }

    /// <summary>The toneless pinyin of <paramref name="codePoint"/> (中 → zhong), or null when it has no Mandarin reading.</summary>
    public string? GetPinyin(int codePoint)
    {
        var index = codePoint is >= 0 and <= char.MaxValue ? bmp[codePoint] : supplementary.GetValueOrDefault(codePoint);
        return index == 0 ? null : syllables[index];
    }

    /// <summary>The first letter of the pinyin (中 → z), or '\0' when there is no reading.</summary>
    public char GetInitial(int codePoint) => GetPinyin(codePoint) is { } pinyin ? pinyin[0] : '\0';

    /// <summary>
    /// The pinyin of every character of <paramref name="text"/> joined without separators (色情 → seqing); characters
    /// without a reading are copied as they are.
    /// </summary>
    public string ToPinyin(string text) => Convert(text, initialsOnly: false);

    /// <summary>The pinyin initials of <paramref name="text"/> (色情 → sq); characters without a reading are copied.</summary>
    public string ToInitials(string text) => Convert(text, initialsOnly: true);

    private string Convert(string text, bool initialsOnly)
    {
        ArgumentNullException.ThrowIfNull(text);
        var output = new StringBuilder(text.Length * (initialsOnly ? 1 : 4));
        for (var i = 0; i < text.Length; i++)
        {
            var surrogatePair = char.IsSurrogatePair(text, i);
            var codePoint = surrogatePair ? char.ConvertToUtf32(text[i], text[i + 1]) : text[i];
            if (GetPinyin(codePoint) is { } pinyin)
            {
                output.Append(initialsOnly ? pinyin.AsSpan(0, 1) : pinyin);
            }
            else
            {
                output.Append(text, i, surrogatePair ? 2 : 1);
            }

            i += surrogatePair ? 1 : 0;
        }

        return output.ToString();
    }

    private static PinyinTable Load()
    {
        var syllables = new List<string> { string.Empty };
        var bmp = new ushort[char.MaxValue + 1];
        var supplementary = new Dictionary<int, ushort>();
        var count = 0;
        foreach (var line in UnicodeTables.Lines("pinyin.txt"))
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            var index = (ushort)syllables.Count;
            syllables.Add(line[..tab]);
            for (var i = tab + 1; i < line.Length; i++)
            {
                if (char.IsSurrogatePair(line, i))
                {
                    supplementary[char.ConvertToUtf32(line[i], line[i + 1])] = index;
                    i++;
                }
                else
                {
                    bmp[line[i]] = index;
                }

                count++;
            }
        }

        return new PinyinTable([.. syllables], bmp, supplementary) { Count = count };
    }
}
