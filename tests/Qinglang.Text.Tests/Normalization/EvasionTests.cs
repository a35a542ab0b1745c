using Qinglang.Text.Normalization;

namespace Qinglang.Text.Tests.Normalization;

/// <summary>Each evasion kind: folded with its step on (positive), left alone with it off or on clean text (negative).</summary>
public sealed class EvasionTests
{
    private static string Normalize(string text, NormalizationOptions? options = null) =>
        new TextNormalizer(options).Normalize(text).Text;

    [Theory]
    [InlineData("色 情")]
    [InlineData("色*情")]
    [InlineData("色.情")]
    [InlineData("色，情")]
    [InlineData("色 ～ 情")]
    [InlineData("色\t\n情")]
    [InlineData("色★情")]
    [InlineData("色😀情")]
    [InlineData("色\u3000情")]
    public void NoiseBetweenCharactersIsDropped(string evasive) => Assert.Equal("色情", Normalize(evasive));

    [Fact]
    public void NoiseStaysWhenItsStepIsOff()
    {
        var options = NormalizationOptions.Default with { DropNoise = false };
        Assert.Equal("色 情", Normalize("色 情", options));
        Assert.Equal("色*情", Normalize("色*情", options));
    }

    [Theory]
    [InlineData("色\u200B情")] // zero-width space
    [InlineData("色\u200C情")] // zero-width non-joiner
    [InlineData("色\u200D情")] // zero-width joiner outside emoji
    [InlineData("\uFEFF色情")] // byte order mark
    [InlineData("色\u00AD情")] // soft hyphen
    [InlineData("色\u202E情\u202C")] // bidi override
    [InlineData("色\u2066情\u2069")] // bidi isolate
    [InlineData("色\uFE0F情")] // variation selector outside emoji
    [InlineData("色\u2060情")] // word joiner
    [InlineData("色\u3164情")] // Hangul filler
    public void InvisibleCharactersAreDropped(string evasive) => Assert.Equal("色情", Normalize(evasive));

    [Fact]
    public void InvisibleCharactersStayWhenTheirStepIsOff() =>
        Assert.Equal("色\u200B情", Normalize("色\u200B情", NormalizationOptions.Default with { DropInvisible = false }));

    [Theory]
    [InlineData("ｓｅｘ", "sex")]
    [InlineData("ＳＥＸ", "sex")]
    [InlineData("ｗｅｂ１２３", "web123")]
    public void FullWidthFoldsToAscii(string evasive, string expected) => Assert.Equal(expected, Normalize(evasive));

    [Fact]
    public void FullWidthStaysWhenWidthFoldingIsOff() =>
        Assert.Equal("ｓｅｘ", Normalize("ｓｅｘ", NormalizationOptions.Default with { FoldWidth = false }));

    [Fact]
    public void CaseFolds()
    {
        Assert.Equal("sex", Normalize("SeX"));
        Assert.Equal("SeX", Normalize("SeX", NormalizationOptions.Default with { FoldCase = false }));
    }

    [Theory]
    [InlineData("ѕех", "sex")] // Cyrillic dze, ie, ha
    [InlineData("ЅЕХ", "sex")]
    [InlineData("ΑΒΕ", "abe")] // Greek capitals
    [InlineData("рοrn", "porn")] // Cyrillic er, Greek omicron
    [InlineData("🅢🅔🅧", "sex")] // negative circled letters have no Unicode decomposition
    public void HomoglyphsFoldToLatin(string evasive, string expected) => Assert.Equal(expected, Normalize(evasive));

    [Fact]
    public void HomoglyphsStayWhenTheirStepIsOff()
    {
        var options = NormalizationOptions.Default with { FoldHomoglyphs = false };
        Assert.NotEqual("sex", Normalize("ѕех", options));
        Assert.Equal("ѕех", Normalize("ѕех", options));
    }

    [Fact]
    public void LatinAndChineseAreNotTouchedByHomoglyphs() => Assert.Equal("sex色情", Normalize("sex色情"));

    [Theory]
    [InlineData("①⑧⑧", "188")]
    [InlineData("⑴⑵⑶", "123")]
    [InlineData("⒈⒉", "12")]
    [InlineData("⑩", "10")]
    [InlineData("𝐬𝐞𝐱", "sex")] // mathematical bold, supplementary plane
    [InlineData("𝓈𝑒𝓍", "sex")]
    [InlineData("Ⓢⓔⓧ", "sex")]
    [InlineData("séx", "sex")]
    [InlineData("s\u0301e\u0300x\u0336", "sex")] // combining marks (Zalgo)
    [InlineData("١٨٨", "188")] // Arabic-Indic digits
    [InlineData("1\uFE0F\u20E38\uFE0F\u20E3", "18")] // keycaps
    [InlineData("ﬁ", "fi")]
    [InlineData("⾊情", "色情")] // Kangxi radical that looks exactly like the ideograph
    [InlineData("\uF9B1", "铃")] // CJK compatibility ideograph → unified 鈴 → simplified
    public void CompatibilityFormsFold(string evasive, string expected) => Assert.Equal(expected, Normalize(evasive));

    [Theory]
    [InlineData("ガギグ")]
    [InlineData("한국어")]
    [InlineData("Москва")]
    public void OtherScriptsKeepTheirLetters(string text) => Assert.Equal(text.Length, Normalize(text).Length);

    [Fact]
    public void CompatibilityFormsStayWhenTheirStepIsOff() =>
        Assert.Equal("①⑧⑧", Normalize("①⑧⑧", NormalizationOptions.Default with { FoldCompatibility = false }));

    [Theory]
    [InlineData("黃色網站", "黄色网站")]
    [InlineData("國產", "国产")]
    [InlineData("後臺", "后台")]
    public void TraditionalFoldsToSimplified(string traditional, string simplified) =>
        Assert.Equal(simplified, Normalize(traditional));

    [Fact]
    public void SimplifiedAndSelfSimplifiedCharactersStay()
    {
        Assert.Equal("黄色网站", Normalize("黄色网站"));
        Assert.Equal("乾隆", Normalize("乾隆")); // 乾 is its own simplified form (and also 干)
        Assert.Equal("黃色網站", Normalize("黃色網站", NormalizationOptions.Default with { TraditionalToSimplified = false }));
    }

    [Theory]
    [InlineData("壹贰叁肆伍陆柒捌玖拾", "一二三四五六七八九十")]
    [InlineData("貳陸", "二六")]
    [InlineData("壹夜情", "一夜情")]
    public void FinancialNumeralsFold(string variant, string ordinary) => Assert.Equal(ordinary, Normalize(variant));

    [Fact]
    public void FinancialNumeralsStayWhenTheirStepIsOff() =>
        Assert.Equal("壹贰叁", Normalize("壹贰叁", NormalizationOptions.Default with { FoldNumeralVariants = false }));

    [Theory]
    [InlineData("色色色情", "色情")]
    [InlineData("色 色 色 情", "色情")]
    [InlineData("fuuuuck", "fuck")]
    [InlineData("WWW成人", "w成人")] // documented: letters collapse too, so an entry "www" normalizes to "w" alike
    [InlineData("久久", "久久")] // a run of two is a word, not a repeat
    [InlineData("13888888888", "13888888888")] // digits never collapse
    public void RepeatsCollapse(string text, string expected) => Assert.Equal(expected, Normalize(text));

    [Fact]
    public void RepeatsStayWhenTheirStepIsOffAndThresholdIsConfigurable()
    {
        Assert.Equal("色色色情", Normalize("色色色情", NormalizationOptions.Default with { CollapseRepeats = false }));
        Assert.Equal("色情", Normalize("色色情", NormalizationOptions.Default with { RepeatThreshold = 2 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TextNormalizer(NormalizationOptions.Default with { RepeatThreshold = 1 }));
    }

    [Theory]
    [InlineData("色👨‍👩‍👧情")] // ZWJ sequence
    [InlineData("色🇨🇳情")] // flag
    [InlineData("色👍🏽情")] // skin tone
    [InlineData("色❤️情")] // BMP pictograph with VS16
    public void EmojiUnitsAreDroppedWhole(string text) => Assert.Equal("色情", Normalize(text));

    [Fact]
    public void EmojiUnitsAreOneTokenWhenKept()
    {
        var options = NormalizationOptions.Default with { Emoji = EmojiHandling.Token };
        var normalizer = new TextNormalizer(options);
        var family = normalizer.Normalize("色👨‍👩‍👧情");
        Assert.Equal("色👨\u200D👩\u200D👧情", family.Text);
        // Every character of the token maps back to the whole unit.
        Assert.Equal((1, 9), family.ToOriginal(1, 2));
        Assert.Equal((1, 9), family.ToOriginal(6, 7));
        Assert.Equal("👍", normalizer.Normalize("👍🏽").Text);
        Assert.Equal("👍", normalizer.Normalize("👍\uFE0F").Text);
        Assert.Equal("🇨🇳🇺🇸", normalizer.Normalize("🇨🇳🇺🇸").Text);
        Assert.Equal((0, 4), normalizer.Normalize("🇨🇳🇺🇸").ToOriginal(0, 1));
        Assert.Equal((4, 8), normalizer.Normalize("🇨🇳🇺🇸").ToOriginal(4, 8));
    }

    [Fact]
    public void EmojiAsTextKeepsCodePointsWhenNoiseIsKept()
    {
        var options = NormalizationOptions.None with { Emoji = EmojiHandling.AsText };
        Assert.Equal("色😀情", Normalize("色😀情", options));
    }
}
