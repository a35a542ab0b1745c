using System.Text;
using Qinglang.Text.Normalization;

namespace Qinglang.Text.Recall;

/// <summary>
/// Writes a word the way an evader would, one <see cref="EvasionKind"/> at a time. The substitution tables
/// (traditional forms, look-alike letters, numeral forms) are read off the normalizer under test by asking it what
/// each candidate character becomes, so the harness measures whether the whole path — entry keying, normalization
/// of running text, matching and mapping back — sees through each disguise, not the coverage of Unihan itself.
/// </summary>
public sealed class VariantGenerator
{
    private static readonly string[] Punctuation = ["*", ".", "·", "-", "／"];
    private static readonly string[] Emojis = ["🔥", "💋", "👍🏻", "❤️", "🇨🇳"];
    private static readonly string[] ZeroWidths = ["\u200B", "\u200C", "\u2060", "\u00AD"];

    private readonly Dictionary<char, char> traditional = [];
    private readonly Dictionary<char, char> homoglyph = [];
    private readonly Dictionary<char, char> numeral = [];
    private readonly int repeatThreshold;

    public VariantGenerator(TextNormalizer normalizer)
    {
        ArgumentNullException.ThrowIfNull(normalizer);
        repeatThreshold = normalizer.Options.CollapseRepeats ? normalizer.Options.RepeatThreshold : 0;
        var buffer = new NormalizationBuffer();
        var one = new char[1];

        char? Folded(char c)
        {
            one[0] = c;
            return normalizer.Normalize(one, buffer) == 1 ? buffer.Text[0] : null;
        }

        // Traditional forms: CJK ideographs the normalizer folds to another ideograph. The first (lowest) wins.
        for (int c = 0x4E00; c <= 0x9FFF; c++)
        {
            if (Folded((char)c) is { } to && to != c && to is >= '\u4E00' and <= '\u9FFF') traditional.TryAdd(to, (char)c);
        }

        // Look-alikes: Greek, Cyrillic and Armenian letters the normalizer folds to a lower-case Latin letter.
        for (int c = 0x0370; c <= 0x058F; c++)
        {
            if (Folded((char)c) is { } to && to is >= 'a' and <= 'z' && char.IsLower((char)c)) homoglyph.TryAdd(to, (char)c);
        }

        for (int d = 1; d <= 9; d++) numeral[(char)('0' + d)] = (char)(0x2460 + d - 1); // ① … ⑨
        numeral['0'] = '\u24EA';                                                        // ⓪
        foreach (var (plain, financial) in new[] { ('一', '壹'), ('二', '贰'), ('三', '叁'), ('四', '肆'), ('五', '伍'),
                     ('六', '陆'), ('七', '柒'), ('八', '捌'), ('九', '玖'), ('十', '拾') })
        {
            numeral[plain] = financial;
        }
    }

    /// <summary>Kinds measured besides the baseline, in table order.</summary>
    public static IReadOnlyList<EvasionKind> Kinds { get; } = Enum.GetValues<EvasionKind>();

    /// <summary>The disguised word, or null when <paramref name="kind"/> has nothing to change in it.</summary>
    public string? Variant(string word, EvasionKind kind) => kind switch
    {
        EvasionKind.Plain => word,
        EvasionKind.Traditional => Substitute(word, traditional),
        EvasionKind.FullWidth => Map(word, static c => char.IsAsciiLetterOrDigit(c) ? (char)(c + 0xFEE0) : c),
        EvasionKind.UpperCase => Map(word, char.ToUpperInvariant),
        EvasionKind.Homoglyph => Substitute(word, homoglyph),
        EvasionKind.Spaces => Interleave(word, [" "]),
        EvasionKind.Punctuation => Interleave(word, Punctuation),
        EvasionKind.Emoji => Interleave(word, Emojis),
        EvasionKind.ZeroWidth => Interleave(word, ZeroWidths),
        EvasionKind.Repeats => Repeat(word),
        EvasionKind.Numerals => Substitute(word, numeral),
        EvasionKind.Mixed => Mixed(word),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private string Mixed(string word)
    {
        string mixed = word;
        foreach (var kind in new[] { EvasionKind.Traditional, EvasionKind.Numerals, EvasionKind.Homoglyph })
        {
            mixed = Variant(mixed, kind) ?? mixed;
        }

        mixed = Map(mixed, static c => c is >= 'a' and <= 'z' ? (char)(c - 'a' + 'Ａ') : c) ?? mixed;
        return Interleave(mixed, [" ", "\u200B", "*", "🔥", "·"]) ?? mixed;
    }

    private static string? Substitute(string word, Dictionary<char, char> table) =>
        Map(word, c => table.TryGetValue(c, out var to) ? to : c);

    private static string? Map(string word, Func<char, char> map)
    {
        var chars = word.ToCharArray();
        for (int i = 0; i < chars.Length; i++) chars[i] = map(chars[i]);
        var mapped = new string(chars);
        return mapped == word ? null : mapped;
    }

    private static string? Interleave(string word, string[] separators)
    {
        if (word.Length < 2) return null;
        var text = new StringBuilder(word.Length * 3);
        for (int i = 0; i < word.Length; i++)
        {
            if (i > 0) text.Append(separators[(i - 1) % separators.Length]);
            text.Append(word[i]);
        }

        return text.ToString();
    }

    /// <summary>
    /// Writes each character threshold+1 times, except ASCII digits (never collapsed: phone numbers) and characters
    /// next to an identical one (妈妈 must stay two, so it cannot be stretched without changing the word).
    /// </summary>
    private string? Repeat(string word)
    {
        if (repeatThreshold == 0) return null;
        var text = new StringBuilder(word.Length * (repeatThreshold + 1));
        bool changed = false;
        for (int i = 0; i < word.Length; i++)
        {
            char c = word[i];
            bool stretch = !char.IsAsciiDigit(c) && !char.IsSurrogate(c) && !char.IsWhiteSpace(c)
                && (i == 0 || word[i - 1] != c) && (i + 1 == word.Length || word[i + 1] != c);
            text.Append(c, stretch ? repeatThreshold + 1 : 1);
            changed |= stretch;
        }

        return changed ? text.ToString() : null;
    }
}
