using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Qinglang.Text.Normalization;

/// <summary>Composes the normalization steps per code point into a <see cref="CharMap"/>.</summary>
internal static class CharMapBuilder
{
    private const int PageSize = 1 << CharMap.PageBits;
    private const int MaxComposed = 32;
    private const int MaxExpansionLength = 31;

    // Built once per options value; optimized straight away since the loops run over a few hundred thousand code points.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static CharMap Build(NormalizationOptions options)
    {
        if (options.CollapseRepeats && options.RepeatThreshold < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.RepeatThreshold, "RepeatThreshold must be at least 2.");
        }

        var expansions = new List<char>();
        var bmp = new uint[char.MaxValue + 1];
        for (var cp = 0; cp <= char.MaxValue; cp++)
        {
            bmp[cp] = cp switch
            {
                >= 0xD800 and <= 0xDBFF => CharMap.HighSurrogate,
                // A low surrogate reached on its own is lone: its pair partner would have consumed it.
                >= 0xDC00 and <= 0xDFFF => options.DropInvisible ? CharMap.Drop : CharMap.Char | (uint)cp,
                _ => EntryFor(cp, options, expansions),
            };
        }

        for (var cp = 0; cp <= char.MaxValue; cp++)
        {
            if (bmp[cp] == CharMap.Drop)
            {
                bmp[cp] = CharMap.BmpDrop;
            }
        }

        var pageIndex = new ushort[0x110000 >> CharMap.PageBits];
        var pages = new List<uint>(Enumerable.Repeat(CharMap.Keep, PageSize));
        var page = new uint[PageSize];
        for (var p = 0x10000 >> CharMap.PageBits; p < pageIndex.Length; p++)
        {
            var first = p << CharMap.PageBits;
            var anyChange = false;
            for (var k = 0; k < PageSize; k++)
            {
                page[k] = MayChange(first + k) ? EntryFor(first + k, options, expansions) : CharMap.Keep;
                anyChange |= page[k] != CharMap.Keep;
            }

            if (anyChange)
            {
                pageIndex[p] = (ushort)(pages.Count / PageSize);
                pages.AddRange(page);
            }
        }

        return new CharMap(bmp, pageIndex, [.. pages], [.. expansions], options);
    }

    /// <summary>
    /// Planes 2–3 hold only ideographs (changed only by a fold or t2s entry), planes 4–13 are unassigned and 15–16
    /// private use: nothing else there is folded, dropped or emoji.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool MayChange(int codePoint) => codePoint switch
    {
        < 0x20000 => true,
        < 0x40000 => UnicodeTables.Fold.ContainsKey(codePoint) || UnicodeTables.TraditionalToSimplified.ContainsKey(codePoint),
        _ => codePoint is >= 0xE0000 and < 0xF0000,
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static uint EntryFor(int cp, NormalizationOptions options, List<char> expansions)
    {
        if (options.DropInvisible && UnicodeTables.Contains(UnicodeTables.Ignorable, cp))
        {
            return CharMap.Drop;
        }

        Span<int> composed = stackalloc int[MaxComposed];
        var count = Compose(cp, options, composed);
        if (options.Emoji != EmojiHandling.AsText && count == 1 && composed[0] == cp
            && (UnicodeTables.Contains(UnicodeTables.Pictographic, cp) || UnicodeTables.Contains(UnicodeTables.RegionalIndicator, cp)))
        {
            return CharMap.Emoji;
        }

        var kept = 0;
        for (var k = 0; k < count; k++)
        {
            if (!IsDropped(composed[k], options))
            {
                composed[kept++] = composed[k];
            }
        }

        if (kept == 0)
        {
            return CharMap.Drop;
        }

        if (kept == 1)
        {
            var target = composed[0];
            return target == cp && cp > char.MaxValue ? CharMap.Keep
                : target <= char.MaxValue ? CharMap.Char | (uint)target
                : CharMap.Rune | (uint)target;
        }

        var offset = expansions.Count;
        foreach (var target in composed[..kept])
        {
            expansions.AddRange(char.ConvertFromUtf32(target));
        }

        var length = expansions.Count - offset;
        if (length > MaxExpansionLength)
        {
            throw new InvalidOperationException($"U+{cp:X4} folds to {length} characters, more than a map entry holds.");
        }

        return CharMap.Expansion | (uint)(offset << 5) | (uint)length;
    }

    /// <summary>Runs the mapping steps on one code point; returns how many code points it became.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Compose(int cp, NormalizationOptions options, Span<int> output)
    {
        var count = 1;
        output[0] = cp;
        if (UnicodeTables.Fold.TryGetValue(cp, out var fold) && (fold.Width ? options.FoldWidth : options.FoldCompatibility))
        {
            fold.Target.CopyTo(output);
            count = fold.Target.Length;
        }

        for (var k = 0; k < count; k++)
        {
            var value = output[k];
            if (options.FoldHomoglyphs)
            {
                value = UnicodeTables.Homoglyphs.GetValueOrDefault(value, value);
            }

            if (options.FoldCase && Rune.IsValid(value))
            {
                value = Rune.ToLowerInvariant(new Rune(value)).Value;
                // Again after case folding: a capital without an entry may lower to a small letter that has one.
                value = options.FoldHomoglyphs ? UnicodeTables.Homoglyphs.GetValueOrDefault(value, value) : value;
            }

            if (options.TraditionalToSimplified)
            {
                value = UnicodeTables.TraditionalToSimplified.GetValueOrDefault(value, value);
            }

            if (options.FoldNumeralVariants)
            {
                value = NumeralVariants.Map(value);
            }

            output[k] = value;
        }

        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsDropped(int cp, NormalizationOptions options) =>
        (options.DropInvisible && UnicodeTables.Contains(UnicodeTables.Ignorable, cp))
        || (options.DropNoise && IsNoise(CharUnicodeInfo.GetUnicodeCategory(cp)));

    /// <summary>Punctuation, symbols, separators and controls: what spammers insert between the characters of a word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsNoise(UnicodeCategory category) => category is
        UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
        or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
        or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation
        or UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol
        or UnicodeCategory.OtherSymbol or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
        or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Control;
}
