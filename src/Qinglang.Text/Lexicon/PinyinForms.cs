using System.Text;
using Qinglang.Text.Normalization;

namespace Qinglang.Text.Lexicons;

/// <summary>
/// The extra spellings of a word entry that opts in with <c>pinyin</c> or <c>initials</c>: the whole word in
/// toneless pinyin (色情 → seqing), mixed forms where only some characters are written in pinyin (色qing, se情),
/// and the pinyin initials (sq). A polyphonic character contributes each of its modern readings
/// (<see cref="PinyinTable.GetReadings"/>: 银行 → yinhang and yinxing, yh and yx). The matcher adds each form as one
/// more automaton key that reports the original entry.
/// </summary>
public static class PinyinForms
{
    /// <summary>
    /// At most this many forms per entry. Readings multiply (a word with n characters has 2^n − 2 mixed forms, times
    /// the readings of its polyphonic characters), so forms are made in order of usefulness and the rest left out:
    /// the full pinyin and initials in the first readings, then in the other readings (fewest changed characters
    /// first), then the mixed forms in the first readings (leading characters spelled first), then mixed forms in the
    /// other readings. Every form of a word of up to four characters with one polyphonic character fits.
    /// </summary>
    public const int MaxFormsPerEntry = 32;

    /// <summary>Candidates tried per entry before giving up: different readings rarely spell the same form, but cannot loop forever.</summary>
    private const int MaxAttempts = 8 * MaxFormsPerEntry;

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
        var spelled = units.Where(u => u.Readings.Length > 0).ToList();
        if (spelled.Count == 0) return [];

        var collector = new Collector(word);
        var all = Enumerable.Repeat(true, spelled.Count).ToArray();
        var readingCounts = spelled.Select(u => u.Readings.Length).ToArray();
        var initialCounts = spelled.Select(u => u.Initials.Length).ToArray();
        var firsts = new int[spelled.Count];

        if (pinyin) collector.Add(Compose(units, all, firsts, initialsOnly: false), isInitials: false);
        if (initials) collector.Add(Compose(units, all, firsts, initialsOnly: true), isInitials: true);
        if (pinyin)
        {
            foreach (var choice in OtherReadings(readingCounts, all))
            {
                if (!collector.Add(Compose(units, all, choice, initialsOnly: false), isInitials: false)) break;
            }
        }

        if (initials)
        {
            foreach (var choice in OtherReadings(initialCounts, all))
            {
                if (!collector.Add(Compose(units, all, choice, initialsOnly: true), isInitials: true)) break;
            }
        }

        if (pinyin && spelled.Count > 1)
        {
            // Mixed forms (一部分汉字一部分拼音) in the first readings, then in the others.
            foreach (var mask in Masks(spelled.Count))
            {
                if (!collector.Add(Compose(units, mask, firsts, initialsOnly: false), isInitials: false)) break;
            }

            foreach (var mask in Masks(spelled.Count))
            {
                if (collector.Full) break;
                foreach (var choice in OtherReadings(readingCounts, mask))
                {
                    if (!collector.Add(Compose(units, mask, choice, initialsOnly: false), isInitials: false)) break;
                }
            }
        }

        capped = collector.LeftOut;
        return collector.Forms;
    }

    /// <summary>Forms without repeats, up to the cap; <see cref="Add"/> returns false once no more will be taken.</summary>
    private sealed class Collector(string word)
    {
        private readonly HashSet<string> seen = new(StringComparer.Ordinal) { word };
        private int attempts;

        public List<Form> Forms { get; } = [];

        public bool LeftOut { get; private set; }

        public bool Full => Forms.Count >= MaxFormsPerEntry || attempts >= MaxAttempts;

        public bool Add(string text, bool isInitials)
        {
            if (Full)
            {
                LeftOut = true;
                return false;
            }

            attempts++;
            if (seen.Add(text)) Forms.Add(new Form(text, isInitials));
            return true;
        }
    }

    /// <summary>
    /// Which characters a mixed form spells in pinyin: every subset but none and all, counting up so the subsets
    /// spelling the leading characters come first. Characters past the 63rd are always spelled.
    /// </summary>
    private static IEnumerable<bool[]> Masks(int count)
    {
        int bits = Math.Min(count, 63);
        ulong all = (1UL << bits) - 1;
        var mask = new bool[count];
        for (ulong value = 1; value < all; value++)
        {
            for (int i = 0; i < count; i++) mask[i] = i >= 63 || (value & (1UL << i)) != 0;
            yield return mask;
        }
    }

    /// <summary>
    /// Choices of reading (index per spelled character, 0 = the first reading) that use another reading for at least
    /// one character where <paramref name="use"/> is set, fewest such characters first; lazily, the caller stops early.
    /// </summary>
    private static IEnumerable<int[]> OtherReadings(int[] counts, bool[] use)
    {
        var positions = Enumerable.Range(0, counts.Length).Where(i => use[i] && counts[i] > 1).ToArray();
        var choice = new int[counts.Length];
        for (int changed = 1; changed <= positions.Length; changed++)
        {
            foreach (var subset in Subsets(positions.Length, changed))
            {
                // Odometer over the other readings (1..count-1) of the chosen positions.
                foreach (int p in subset) choice[positions[p]] = 1;
                while (true)
                {
                    yield return choice;
                    int digit = subset.Length - 1;
                    while (digit >= 0 && ++choice[positions[subset[digit]]] == counts[positions[subset[digit]]])
                    {
                        choice[positions[subset[digit]]] = 1;
                        digit--;
                    }

                    if (digit < 0) break;
                }

                foreach (int p in subset) choice[positions[p]] = 0;
            }
        }
    }

    /// <summary>The <paramref name="size"/>-element subsets of 0..n-1, in lexicographic order.</summary>
    private static IEnumerable<int[]> Subsets(int n, int size)
    {
        var subset = Enumerable.Range(0, size).ToArray();
        while (true)
        {
            yield return subset;
            int i = size - 1;
            while (i >= 0 && subset[i] == n - size + i) i--;
            if (i < 0) yield break;
            subset[i]++;
            for (int j = i + 1; j < size; j++) subset[j] = subset[j - 1] + 1;
        }
    }

    /// <summary>A character of the word with its readings (empty when it has none) and their distinct initials.</summary>
    private sealed record Unit(string Text, string[] Readings, string[] Initials);

    private static List<Unit> Split(string word)
    {
        var units = new List<Unit>(word.Length);
        var table = PinyinTable.Shared;
        for (int i = 0; i < word.Length; i++)
        {
            bool pair = char.IsSurrogatePair(word, i);
            int codePoint = pair ? char.ConvertToUtf32(word[i], word[i + 1]) : word[i];
            string[] readings = [.. table.GetReadings(codePoint)];
            units.Add(new Unit(word.Substring(i, pair ? 2 : 1), readings, [.. readings.Select(r => r[..1]).Distinct(StringComparer.Ordinal)]));
            if (pair) i++;
        }

        return units;
    }

    /// <summary>
    /// The word with each character that has a reading written as <paramref name="choice"/> picks (its reading or,
    /// with <paramref name="initialsOnly"/>, its initial) where <paramref name="spell"/> is set, itself elsewhere.
    /// </summary>
    private static string Compose(List<Unit> units, bool[] spell, int[] choice, bool initialsOnly)
    {
        var text = new StringBuilder(units.Count * 4);
        int position = 0;
        foreach (var unit in units)
        {
            if (unit.Readings.Length == 0)
            {
                text.Append(unit.Text);
                continue;
            }

            int at = position++;
            if (!spell[at]) text.Append(unit.Text);
            else text.Append(initialsOnly ? unit.Initials[choice[at]] : unit.Readings[choice[at]]);
        }

        return text.ToString();
    }
}
