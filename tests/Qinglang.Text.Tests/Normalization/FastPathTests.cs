using Qinglang.Text.Normalization;

namespace Qinglang.Text.Tests.Normalization;

/// <summary>
/// The normalizer's hot loops (drops written and not counted, runs noticed only when the output's last character
/// comes again) against the plain per-character path through the writer: same text, same offset map, on input full
/// of what takes them off the fast path; the compact map read hit by hit (<see cref="NormalizationBuffer.ToOriginal"/>)
/// equals the map written out in full.
/// </summary>
public sealed class FastPathTests
{
    public static TheoryData<string> Options => new() { "default", "no repeats", "emoji tokens", "threshold 2", "none", "keep invisible" };

    private static NormalizationOptions Named(string name) => name switch
    {
        "default" => NormalizationOptions.Default,
        "no repeats" => NormalizationOptions.Default with { CollapseRepeats = false },
        "emoji tokens" => NormalizationOptions.Default with { Emoji = EmojiHandling.Token },
        "threshold 2" => NormalizationOptions.Default with { RepeatThreshold = 2 },
        "none" => NormalizationOptions.None,
        _ => NormalizationOptions.Default with { DropInvisible = false, Emoji = EmojiHandling.AsText },
    };

    [Theory]
    [MemberData(nameof(Options))]
    public void HotLoopsEqualThePerCharacterPath(string options)
    {
        var normalizer = new TextNormalizer(Named(options));
        var random = new Random(17);
        // Repeats across noise (哈，哈，哈), doubled words, digits that never collapse, expansions that repeat (⑩⑩⑩),
        // emoji between repeats, surrogate pairs, lone surrogates, invisible characters, NUL.
        string alphabet = "哈哈好好色情，。！ 　\u200B\uFE0Fａ1１①⑩AaΑ黃😀👍🏽\u200D❤🇨🇳𝐀𝐀*...!!!\uD800\uDC00\0";
        var fast = new NormalizationBuffer();
        var reference = new NormalizationBuffer();
        for (int n = 0; n < 20_000; n++)
        {
            var chars = new char[random.Next(0, n % 10 == 0 ? 400 : 48)]; // some long enough for several vector blocks
            for (int k = 0; k < chars.Length; k++)
            {
                chars[k] = random.Next(5) == 0 ? (char)random.Next(0, 0x10000) : alphabet[random.Next(alphabet.Length)];
            }

            var text = new string(chars);
            normalizer.Normalize(text, fast);
            normalizer.NormalizeThroughWriter(text, reference);
            // Read through ToOriginal first, while the map is still compact (what a scanner reads), then in full.
            var ranges = new List<(int, int)>();
            for (int k = 0; k < fast.Length; k++)
            {
                ranges.Add(fast.ToOriginal(k, k + 1));
                ranges.Add(fast.ToOriginal(0, k + 1));
            }

            var expected = new List<(int, int)>();
            for (int k = 0; k < reference.Length; k++)
            {
                expected.Add((reference.OriginalStarts[k], reference.OriginalEnds[k]));
                expected.Add((reference.OriginalStarts[0], reference.OriginalEnds[k]));
            }

            Assert.Equal(expected, ranges);

            Assert.True(fast.Text.SequenceEqual(reference.Text), $"text of {Escaped(text)}");
            Assert.True(fast.OriginalStarts.SequenceEqual(reference.OriginalStarts), $"starts of {Escaped(text)}");
            Assert.True(fast.OriginalEnds.SequenceEqual(reference.OriginalEnds), $"ends of {Escaped(text)}");
        }
    }

    [Theory]
    [InlineData("哈，哈，哈，哈好", "哈好", new[] { 0, 7 }, new[] { 7, 8 })]
    [InlineData("好好", "好好", new[] { 0, 1 }, new[] { 1, 2 })]
    [InlineData("色色😀色色情", "色情", new[] { 0, 6 }, new[] { 6, 7 })]
    [InlineData("⑩⑩⑩", "101010", new[] { 0, 0, 1, 1, 2, 2 }, new[] { 1, 1, 2, 2, 3, 3 })]
    [InlineData("1111", "1111", new[] { 0, 1, 2, 3 }, new[] { 1, 2, 3, 4 })]
    [InlineData("。哈哈哈", "哈", new[] { 1 }, new[] { 4 })]
    [InlineData("一二三四五六七八九十甲乙丙丁哈哈哈哈哈哈戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥", "一二三四五六七八九十甲乙丙丁哈戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥",
        new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37 },
        new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38 })]
    public void RunsSpanTheirWholeOriginal(string original, string expected, int[] starts, int[] ends)
    {
        var normalized = TextNormalizer.Default.Normalize(original);

        Assert.Equal(expected, normalized.Text);
        Assert.Equal(starts, normalized.OriginalStart);
        Assert.Equal(ends, normalized.OriginalEnd);
    }

    private static string Escaped(string text) => string.Concat(text.Select(c => c < 0x80 && !char.IsControl(c) ? c.ToString() : $"\\u{(int)c:X4}"));
}
