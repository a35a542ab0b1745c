using System.Text;

namespace Qinglang.Text.Normalization;

/// <summary>
/// Mandarin readings, toneless and lower case with ü written v as a pinyin keyboard types it (女 → nv): the first
/// kMandarin reading of each character (<see cref="GetPinyin"/>) and, for polyphonic characters, the other modern
/// readings (<see cref="GetReadings"/>: 行 xing, hang, heng). For lexicon entries that opt in to pinyin and initial
/// matching; not applied to text by default. Loaded once, on first use, from the embedded data/unihan/pinyin.txt and
/// pinyin-alternates.txt (sources in data/unihan/README.md).
/// </summary>
public sealed class PinyinTable
{
    private static readonly Lazy<PinyinTable> LazyShared = new(Load);

    private readonly string[] syllables;
    private readonly ushort[] bmp;
    private readonly Dictionary<int, ushort> supplementary;
    private readonly string[][] single;                   // syllable index → that syllable alone, shared
    private readonly Dictionary<int, string[]> polyphonic; // code point → every reading, the first one first

    private PinyinTable(string[] syllables, ushort[] bmp, Dictionary<int, ushort> supplementary, Dictionary<int, string[]> polyphonic)
    {
        this.syllables = syllables;
        this.bmp = bmp;
        this.supplementary = supplementary;
        this.polyphonic = polyphonic;
        single = Array.ConvertAll(syllables, s => new[] { s });
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

    /// <summary>How many characters have more than one reading.</summary>
    public int PolyphonicCount => polyphonic.Count;

    /// <summary>
    /// Every modern reading of <paramref name="codePoint"/>, the first (<see cref="GetPinyin"/>) first: 行 → xing,
    /// hang, heng; 中 → zhong. Empty when it has no Mandarin reading.
    /// </summary>
    public IReadOnlyList<string> GetReadings(int codePoint)
    {
        if (polyphonic.TryGetValue(codePoint, out var readings)) return readings;
        var index = codePoint is >= 0 and <= char.MaxValue ? bmp[codePoint] : supplementary.GetValueOrDefault(codePoint);
        return index == 0 ? [] : single[index];
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

        return new PinyinTable([.. syllables], bmp, supplementary, LoadAlternates(bmp, supplementary, syllables)) { Count = count };
    }

    /// <summary>Each polyphonic character's readings: its first reading, then those of pinyin-alternates.txt in file order.</summary>
    private static Dictionary<int, string[]> LoadAlternates(ushort[] bmp, Dictionary<int, ushort> supplementary, List<string> syllables)
    {
        var readings = new Dictionary<int, List<string>>();
        foreach (var line in UnicodeTables.Lines("pinyin-alternates.txt"))
        {
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            var syllable = line[..tab];
            for (var i = tab + 1; i < line.Length; i++)
            {
                var pair = char.IsSurrogatePair(line, i);
                var codePoint = pair ? char.ConvertToUtf32(line[i], line[i + 1]) : line[i];
                var first = codePoint <= char.MaxValue ? bmp[codePoint] : supplementary.GetValueOrDefault(codePoint);
                if (first != 0)
                {
                    if (!readings.TryGetValue(codePoint, out var list)) readings[codePoint] = list = [syllables[first]];
                    if (!list.Contains(syllable)) list.Add(syllable);
                }

                i += pair ? 1 : 0;
            }
        }

        return readings.ToDictionary(r => r.Key, r => r.Value.ToArray());
    }
}
