using Qinglang.Text.Lexicons;
using Qinglang.Text.Normalization;

namespace Qinglang.Text.Tests.Lexicons;

/// <summary>The detector that owns its normalizer (reused per-thread buffers) must report exactly what the allocating path reports.</summary>
public sealed class LexiconDetectorBufferTests
{
    private static readonly Lexicon Words = Lexicon.Parse(
        "黄色网站\tmod.porn\n冰毒\tmod.drugs\nAI脱衣\tai.sexual\n赌博&网站/3\tmod.gambling\n", LexiconFormat.Plain).GetOrThrow();

    public static TheoryData<string> Texts => new()
    {
        "看黃 色*網 站，买冰🔥毒，ＡＩ脫衣教程，赌博的网站",
        "冰毒",
        "没有问题的一句话。",
        "",
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void SameFindingsAsTheAllocatingPath(string text)
    {
        var owning = new LexiconDetector(Words, TextNormalizer.Default);
        var allocating = new LexiconDetector(Words, TextNormalizer.Default.Normalize);

        // A long text first grows the thread's buffers; the text under test must not see anything left over.
        owning.Detect(string.Concat(Enumerable.Repeat("黄色网站冰毒" + new string('x', 97), 200))).ToList();
        var expected = allocating.Detect(text).ToList();
        var actual = owning.Detect(text).ToList();

        Assert.Equal(expected, actual);
        Assert.All(actual, f => Assert.Equal(text[f.Start..f.End], f.Text));
    }

    [Fact]
    public void DisguisedWordsMapBackToTheirOriginalSpans()
    {
        string text = "看黃 色*網 站，买冰🔥毒，ＡＩ脫衣";
        var findings = new LexiconDetector(Words, TextNormalizer.Default).Detect(text).ToList();

        Assert.Equal(["黃 色*網 站", "冰🔥毒", "ＡＩ脫衣"], findings.Select(f => f.Text));
        Assert.Equal(["黄色网站", "冰毒", "ai脱衣"], findings.Select(f => f.Normalized));
        Assert.Equal(["黄色网站", "冰毒", "AI脱衣"], findings.Select(f => f.Rule));
    }

    [Fact]
    public void LowerCaseOnlyPathReusesNothingStale()
    {
        var detector = new LexiconDetector(Words);
        detector.Detect(new string('冰', 5000) + "毒").ToList();

        var findings = detector.Detect("ai脱衣和冰毒").ToList();

        Assert.Equal([(0, 4, "ai脱衣"), (5, 7, "冰毒")], findings.Select(f => (f.Start, f.End, f.Text)));
    }

    [Fact]
    public void TableLowerCasingAgreesWithTheFramework()
    {
        // Every BMP character, a Deseret pair (supplementary letters with case), and lone surrogates at both ends.
        var all = new char[char.MaxValue + 1];
        for (int c = 0; c <= char.MaxValue; c++) all[c] = (char)c;
        string text = "\uDC00" + new string(all) + "\U00010400x\U00010428\uD801";
        var expected = text.ToLowerInvariant();
        var actual = new char[text.Length];

        InvariantLowerCase.Apply(text, actual);

        Assert.Equal(expected, new string(actual));
    }
}
