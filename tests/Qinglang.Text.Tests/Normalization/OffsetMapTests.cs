using Qinglang.Text.Normalization;

namespace Qinglang.Text.Tests.Normalization;

/// <summary>The map back to the original: exact spans, identity with every step off, and its invariants on any input.</summary>
public sealed class OffsetMapTests
{
    [Theory]
    [InlineData("看色*情片", "色情", "色*情")]
    [InlineData("看色\u200B情片", "色情", "色\u200B情")]
    [InlineData("看色😀👨‍👩‍👧情片", "色情", "色😀👨‍👩‍👧情")]
    [InlineData("去黃色網站吧", "黄色网站", "黃色網站")]
    [InlineData("this is ｓｅｘ!", "sex", "ｓｅｘ")]
    [InlineData("a ѕ е х b", "sex", "ѕ е х")]
    [InlineData("call ①⑧⑧ now", "188", "①⑧⑧")]
    [InlineData("⑴⑵ end", "12", "⑴⑵")]
    [InlineData("𝐬𝐞𝐱", "sex", "𝐬𝐞𝐱")]
    [InlineData("色色色色情", "色情", "色色色色情")]
    [InlineData("xx壹夜情xx", "一夜情", "壹夜情")]
    public void MatchesMapBackToTheWholeOriginalSpan(string original, string keyword, string expectedSpan)
    {
        var normalized = TextNormalizer.Default.Normalize(original);
        var at = normalized.Text.IndexOf(keyword, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{keyword}' not in '{normalized.Text}'");
        var (start, end) = normalized.ToOriginal(at, at + keyword.Length);
        Assert.Equal(expectedSpan, original[start..end]);
    }

    [Fact]
    public void SurrogatePairMapsToBothUnits()
    {
        var normalized = TextNormalizer.Default.Normalize("a𝐁c");
        Assert.Equal("abc", normalized.Text);
        Assert.Equal([0, 1, 3], normalized.OriginalStart);
        Assert.Equal([1, 3, 4], normalized.OriginalEnd);
    }

    [Fact]
    public void OneCharacterCanBecomeSeveralEachMappingToIt()
    {
        var normalized = TextNormalizer.Default.Normalize("x⑩y");
        Assert.Equal("x10y", normalized.Text);
        Assert.Equal([0, 1, 1, 2], normalized.OriginalStart);
        Assert.Equal([1, 2, 2, 3], normalized.OriginalEnd);
    }

    [Theory]
    [InlineData("")]
    [InlineData("色 情 ｓｅｘ ѕех ①⑧⑧ 黃色網站 壹贰 色色色 😀👨‍👩‍👧🇨🇳 \u200B\uFEFF \uD800 \uDC00 𝐬")]
    public void EveryStepOffIsTheIdentityMap(string original)
    {
        var normalized = new TextNormalizer(NormalizationOptions.None).Normalize(original);
        Assert.Equal(original, normalized.Text);
        for (var i = 0; i < original.Length; i++)
        {
            // Each unit maps to its own code point: a surrogate pair's two units both map to the pair.
            var pairStart = i > 0 && char.IsSurrogatePair(original[i - 1], original[i]) ? i - 1 : i;
            var pairEnd = i + 1 < original.Length && char.IsSurrogatePair(original[i], original[i + 1]) ? i + 2 : pairStart + (pairStart < i ? 2 : 1);
            Assert.Equal(pairStart, normalized.OriginalStart[i]);
            Assert.Equal(pairEnd, normalized.OriginalEnd[i]);
        }
    }

    [Fact]
    public void RandomTextKeepsTheMapInvariants()
    {
        var random = new Random(5);
        // Code units from the interesting ranges: ASCII, CJK, noise, invisible, surrogates (lone and paired), emoji parts.
        char[] pool = ['a', 'Z', '1', ' ', '*', '色', '情', '黃', '壹', '①', '⑴', 'ｓ', 'ѕ', '\u200B', '\u200D', '\uFE0F',
            '\u0301', '\u20E3', '\uFEFF', '\uD83D', '\uDE00', '\uDC68', '\uD835', '\uDC1A', '\uD83C', '\uDDE8', '\uDDF3', '\uDFFD'];
        var options = new[]
        {
            NormalizationOptions.Default,
            NormalizationOptions.Default with { Emoji = EmojiHandling.Token },
            NormalizationOptions.Default with { DropInvisible = false, DropNoise = false, Emoji = EmojiHandling.AsText },
        };
        foreach (var option in options)
        {
            var normalizer = new TextNormalizer(option);
            for (var round = 0; round < 300; round++)
            {
                var chars = new char[random.Next(0, 40)];
                for (var k = 0; k < chars.Length; k++)
                {
                    chars[k] = pool[random.Next(pool.Length)];
                }

                AssertMapInvariants(normalizer.Normalize(new string(chars)));
            }
        }
    }

    internal static void AssertMapInvariants(NormalizedText normalized)
    {
        Assert.Equal(normalized.Text.Length, normalized.OriginalStart.Length);
        Assert.Equal(normalized.Text.Length, normalized.OriginalEnd.Length);
        for (var i = 0; i < normalized.Text.Length; i++)
        {
            Assert.InRange(normalized.OriginalStart[i], 0, normalized.Original.Length - 1);
            Assert.InRange(normalized.OriginalEnd[i], normalized.OriginalStart[i] + 1, normalized.Original.Length);
            if (i > 0)
            {
                Assert.True(normalized.OriginalStart[i] >= normalized.OriginalStart[i - 1], "starts never go back");
                Assert.True(normalized.OriginalEnd[i] >= normalized.OriginalEnd[i - 1], "ends never go back");
            }
        }
    }
}
