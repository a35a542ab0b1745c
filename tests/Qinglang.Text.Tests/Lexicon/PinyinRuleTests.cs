using Qinglang.Core;
using Qinglang.Text.Lexicons;
using Qinglang.Text.Normalization;

namespace Qinglang.Text.Tests.Lexicons;

/// <summary>Co-occurrence rules flagged <c>pinyin</c>/<c>initials</c>: every term also counts in its pinyin forms.</summary>
public sealed class PinyinRuleTests
{
    private static Lexicon Jsonl(string content) => Lexicon.Parse(content, LexiconFormat.JsonLines, "rules.jsonl").GetOrThrow();

    private static readonly Lexicon Gambling = Jsonl(
        """{"all":["代理","彩金"],"within":4,"category":"mod.gambling","severity":"error","flags":["pinyin","initials"]}""");

    private static List<TextFinding> Scan(Lexicon lexicon, string text) =>
        new LexiconDetector(lexicon, TextNormalizer.Default.Normalize).Detect(text).ToList();

    [Theory]
    [InlineData("招daili送caijin", "daili送caijin")]
    [InlineData("招代理送cai jin", "代理送cai jin")]
    [InlineData("招dai理送彩jin", "dai理送彩jin")]
    [InlineData("招DL送CJ啦", "DL送CJ")]
    [InlineData("招代理送彩金", "代理送彩金")]
    public void EveryTermCountsInItsPinyinFormsWithExactOffsets(string text, string found)
    {
        var finding = Assert.Single(Scan(Gambling, text));
        Assert.Equal(found, finding.Text);
        Assert.Equal(found, text[finding.Start..finding.End]);
        Assert.Equal((CategoryCodes.Gambling, Severity.Error), (finding.Category, finding.Severity));
    }

    [Theory]
    [InlineData("代理送caijin")]
    [InlineData("dailiy送彩金")]
    public void PinyinFormsDoNotCountWithoutTheFlag(string text)
    {
        var plain = Jsonl("""{"all":["代理","彩金"],"within":4,"category":"mod.gambling"}""");
        Assert.Empty(Scan(plain, text));
        Assert.NotEmpty(Scan(plain, "代理送彩金"));
    }

    [Theory]
    [InlineData("ADLS送CJ")]     // dl inside a longer Latin token
    [InlineData("招dl送cjk字体")] // cj inside cjk
    public void InitialsOfARuleTermMustStandAlone(string text) => Assert.Empty(Scan(Gambling, text));

    [Fact]
    public void AnExcludedTermInPinyinStillSuppresses()
    {
        var lexicon = Jsonl("""{"all":["刷单"],"none":["防范"],"within":4,"category":"mod.fraud","flags":["pinyin"]}""");
        Assert.Single(Scan(lexicon, "在家shuadan赚钱"));
        Assert.Empty(Scan(lexicon, "请fangfan刷单诈骗"));
        Assert.Empty(Scan(lexicon, "请防范shua dan诈骗"));
    }

    [Fact]
    public void AFormThatCollidesWithAnotherGroupIsLeftOutNotTheRule()
    {
        // 试 (shi) and 事 (shi) spell the same pinyin: the forms collide, the spelled rule still works.
        var lexicon = Jsonl("""{"all":["考试","做事"],"within":2,"category":"mod.fraud","flags":["pinyin"]}""");
        Assert.Single(Scan(lexicon, "考试做事"));
        Assert.Single(Scan(lexicon, "kaoshi做事"));
    }

    [Fact]
    public void ARuleWhoseTermsHaveNoReadingWarnsThatTheFlagDoesNothing()
    {
        var result = Lexicon.Parse("""{"all":["abc","xyz"],"within":2,"category":"mod.fraud","flags":["pinyin"]}""", LexiconFormat.JsonLines, "r.jsonl");
        Assert.Contains(result.Issues, issue => issue.Code == "lexicon.pinyin");
    }
}
