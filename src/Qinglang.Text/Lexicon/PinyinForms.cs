using System.Text;
using Qinglang.Text.Normalization;

namespace Qinglang.Text.Lexicons;

/// <summary>
/// The extra spellings of a word entry that opts in with <c>pinyin</c> or <c>initials</c>: the whole word in
/// toneless pinyin (色情 → seqing), mixed forms where only some characters are written in pinyin (色qing, se情),
/// and the pinyin initials (sq). The matcher adds each form as one more automaton key that reports the original
/// entry. Readings come from <see cref="PinyinTable"/> (the first Unihan reading of each character only).
/// </summary>
public static class PinyinForms
{
    /// <summary>
    /// At most this many forms per entry (full pinyin, initials and mixed forms together). Mixed forms grow as
    /// 2^n with the number of Chinese characters, so a long entry keeps its full pinyin and initials and only the
    /// first mixed forms (those that write the leading characters in pinyin).
    /// </summary>
    public const int MaxFormsPerEntry = 16;

    /// <summary>One extra spelling; <see cref="IsInitials"/> forms must stand alone as a Latin token.</summary>
    public readonly record struct Form(string Text, bool IsInitials);

    /// <summary>
    /// The forms of <paramref name="word"/> allowed by <paramref name="flags"/>, at most
    /// <see cref="MaxFormsPerEntry"/>, without the word itself and without repeats. Empty when the word has no
    /// character with a reading or the entry does not opt in.
    /// </summary>
    public static IReadOnlyList<Form> Of(string word, EntryFlags flags) => Of(word, flags, out _);

    /// <summary>As <see cref="Of(string, EntryFlags)"/>; <paramref name="capped"/> tells whether forms were left out by the cap.</summary>
    public static IReadOnlyList<Form> Of(string word, EntryFlags flags, out bool capped)
    {
        ArgumentNullException.ThrowIfNull(word);
        capped = false;
        bool pinyin = (flags & EntryFlags.Pinyin) != 0, initials = (flags & EntryFlags.Initials) != 0;
        if (!pinyin && !initials) return [];

        var units = Split(word);
        int withReading = 0;
        foreach (var unit in units) withReading += unit.Pinyin is null ? 0 : 1;
        if (withReading == 0) return [];

        var forms = new List<Form>();
        bool leftOut = false;
        var seen = new HashSet<string>(StringComparer.Ordinal) { word };
        void Add(string text, bool isInitials)
        {
            if (forms.Count >= MaxFormsPerEntry) leftOut = true;
            else if (seen.Add(text)) forms.Add(new Form(text, isInitials));
        }

        if (pinyin) Add(Compose(units, mask: ~0UL, initialsOnly: false), isInitials: false);
        if (initials) Add(Compose(units, mask: ~0UL, initialsOnly: true), isInitials: true);
        if (pinyin && withReading > 1)
        {
            // Mixed forms (一部分汉字一部分拼音): bit i of the mask writes the i-th character with a reading in pinyin.
            // Masks count up from 1, so the cap keeps the forms that spell the leading characters in pinyin.
            int bits = Math.Min(withReading, 63);
            ulong all = (1UL << bits) - 1;
            for (ulong mask = 1; mask < all; mask++)
            {
                if (forms.Count >= MaxFormsPerEntry)
                {
                    leftOut = true;
                    break;
                }

                Add(Compose(units, mask, initialsOnly: false), isInitials: false);
            }
        }

        capped = leftOut;
        return forms;
    }

    private readonly record struct Unit(string Text, string? Pinyin);

    private static List<Unit> Split(string word)
    {
        var units = new List<Unit>(word.Length);
        var table = PinyinTable.Shared;
        for (int i = 0; i < word.Length; i++)
        {
            bool pair = char.IsSurrogatePair(word, i);
            int codePoint = pair ? char.ConvertToUtf32(word[i], word[i + 1]) : word[i];
            units.Add(new Unit(word.Substring(i, pair ? 2 : 1), table.GetPinyin(codePoint)));
            if (pair) i++;
        }

        return units;
    }

    private static string Compose(List<Unit> units, ulong mask, bool initialsOnly)
    {
        var text = new StringBuilder(units.Count * 4);
        int reading = 0;
        foreach (var unit in units)
        {
            if (unit.Pinyin is null)
            {
                text.Append(unit.Text);
                continue;
            }

            bool spell = reading >= 64 || (mask & (1UL << reading)) != 0;
            reading++;
            if (!spell) text.Append(unit.Text);
            else if (initialsOnly) text.Append(unit.Pinyin[0]);
            else text.Append(unit.Pinyin);
        }

        return text.ToString();
    }
}
