using Qinglang.Core;
using Qinglang.Text.Lexicons;
using Qinglang.Text.Normalization;

namespace Qinglang.Text.Tests.Lexicons;

public sealed class PinyinMatchingTests
{
    private static readonly Lexicon Flagged = Lexicon.Parse(
        "色情网站\tmod.porn\terror\tpinyin\n色情\tmod.porn\twarning\tpinyin,initials\n六合彩\tmod.gambling\terror\tinitials\n",
        LexiconFormat.Plain).GetOrThrow();

    private static readonly Lexicon Unflagged = Lexicon.Parse("色情\tmod.porn\twarning\n", LexiconFormat.Plain).GetOrThrow();

    private static List<TextFinding> Scan(Lexicon lexicon, string text) =>
        new LexiconDetector(lexicon, TextNormalizer.Default.Normalize).Detect(text).ToList();

    [Theory]
    [InlineData("看seqing吧", 1, 7, "seqing")]
    [InlineData("看se qing吧", 1, 8, "se qing")]
    [InlineData("看SeQing吧", 1, 7, "SeQing")]
    [InlineData("看se-qing吧", 1, 8, "se-qing")]
    [InlineData("看色qing吧", 1, 6, "色qing")]
    [InlineData("看se情吧", 1, 4, "se情")]
    [InlineData("看Se·Qing吧", 1, 8, "Se·Qing")]
    public void PinyinAndMixedFormsReportTheEntryWithExactOriginalOffsets(string text, int start, int end, string found)
    {
        var finding = Assert.Single(Scan(Flagged, text));
        Assert.Equal((start, end, found), (finding.Start, finding.End, finding.Text));
        Assert.Equal(found, text[finding.Start..finding.End]);
        Assert.Equal(("色情", CategoryCodes.Porn, Severity.Warning), (finding.Rule, finding.Category, finding.Severity));
    }

    [Fact]
    public void WithoutTheFlagPinyinDoesNotFire()
    {
        Assert.Empty(Scan(Unflagged, "看seqing吧, se qing, sq"));
        Assert.Single(Scan(Unflagged, "看色情吧"));
    }

    [Fact]
    public void TheLongestFormWinsAndReportsItsOwnEntry()
    {
        var finding = Assert.Single(Scan(Flagged, "打开 seqing wangzhan 了"));
        Assert.Equal(("色情网站", "seqing wangzhan"), (finding.Rule, finding.Text));
        Assert.Equal((3, 18), (finding.Start, finding.End));
    }

    [Theory]
    [InlineData("sq", 0, 2)]
    [InlineData("想看SQ视频", 2, 4)]
    [InlineData("快来 lhc 下注", 3, 6)]
    [InlineData("l.h.c!", 0, 5)]
    [InlineData("看 s q 吧", 2, 5)]
    [InlineData("code: sq-123", 6, 8)]
    public void InitialsFireWhenTheyStandAlone(string text, int start, int end)
    {
        var finding = Assert.Single(Scan(Flagged, text));
        Assert.Equal((start, end), (finding.Start, finding.End));
        Assert.Contains(finding.Rule, new[] { "色情", "六合彩" });
    }

    [Theory]
    [InlineData("a square root")]
    [InlineData("SQL injection")]
    [InlineData("the vsq file")]
    [InlineData("she has quit")]             // "s q" across a space, glued to letters on both sides
    [InlineData("blhc and lhcx")]
    [InlineData("sq\u200bl")]                 // a zero-width space does not make "sq" a token of its own
    [InlineData("ｓｑｌ")]                      // full-width Latin is Latin too
    public void InitialsInsideLongerLatinWordsDoNotFire(string text) => Assert.Empty(Scan(Flagged, text));

    [Fact]
    public void InitialsCheckAlsoHoldsWithoutANormalizer()
    {
        var detector = new LexiconDetector(Flagged);
        Assert.Single(detector.Detect("看 sq 吧"));
        Assert.Empty(detector.Detect("square"));
        Assert.Single(detector.Detect("seqing"));
    }

    [Fact]
    public void ARejectedInitialsHitDoesNotHideAnotherHit()
    {
        // "sq" inside "seqingsq…" is glued to letters; the full pinyin before it still reports.
        var finding = Assert.Single(Scan(Flagged, "seqingsqx"));
        Assert.Equal((0, 6, "色情"), (finding.Start, finding.End, finding.Rule));
    }

    [Fact]
    public void AnEntrySpelledOutKeepsItsKeyOverAnotherEntrysPinyinForm()
    {
        var lexicon = Lexicon.Parse("色情\tmod.porn\terror\tpinyin\nseqing\tmod.ads\tinfo\n", LexiconFormat.Plain).GetOrThrow();
        var finding = Assert.Single(Scan(lexicon, "seqing"));
        Assert.Equal(("seqing", CategoryCodes.Ads), (finding.Rule, finding.Category));
    }

    [Fact]
    public void CappedEntriesAreNamedInTheWarnings()
    {
        var result = Lexicon.Parse("一键脱衣软件下载\tai.illegal_service\terror\tpinyin\ndeepnude\tai.sexual\terror\tpinyin\n", LexiconFormat.Plain);
        var lexicon = result.GetOrThrow();
        Assert.Equal(2, lexicon.Warnings.Count(w => w.Code == "lexicon.pinyin"));
        // The full pinyin survives the cap.
        Assert.Single(Scan(lexicon, "yijian tuoyi ruanjian xiazai"));
    }

    [Fact]
    public void DefaultLibraryMatchesItsOptedInEntriesInPinyin()
    {
        var lexicon = Lexicon.LoadDefault();
        var findings = Scan(lexicon, "加群玩 liuhecai, 还有 bjl 和 杀zhu盘");
        Assert.Equal(["六合彩", "百家乐", "杀猪盘"], findings.Select(f => f.Rule).ToArray());
        Assert.Equal(["liuhecai", "bjl", "杀zhu盘"], findings.Select(f => f.Text).ToArray());
        Assert.Empty(Scan(lexicon, "The SSC and LHC results, abjl, szpx"));
    }

    private static readonly Lexicon Polyphonic = Lexicon.Parse(
        "长乐坊\tmod.gambling\terror\tpinyin,initials\n行货出售\tmod.fraud\terror\tpinyin\n重口味视频\tmod.porn\terror\tpinyin\n",
        LexiconFormat.Plain).GetOrThrow();

    [Theory]
    [InlineData("去zhanglefang玩", "zhanglefang")]
    [InlineData("去changlefang玩", "changlefang")]
    [InlineData("去Chang Yue Fang玩", "Chang Yue Fang")]
    [InlineData("去zhangyuefang玩", "zhangyuefang")]
    [InlineData("去长yue坊玩", "长yue坊")]
    [InlineData("去chang乐坊玩", "chang乐坊")]
    [InlineData("去 clf 玩", "clf")]
    [InlineData("去 ZYF 玩", "ZYF")]
    [InlineData("去 zlf 玩", "zlf")]
    public void APolyphonicEntryIsCaughtUnderEachReading(string text, string found)
    {
        var finding = Assert.Single(Scan(Polyphonic, text));
        Assert.Equal(("长乐坊", found), (finding.Rule, finding.Text));
        Assert.Equal(found, text[finding.Start..finding.End]);
    }

    [Theory]
    [InlineData("xinghuochushou")]
    [InlineData("hanghuo chushou")]
    [InlineData("zhongkouweishipin")]
    [InlineData("chong kou wei shi pin")]
    public void OtherPolyphonicEntriesToo(string text) => Assert.Single(Scan(Polyphonic, text));

    [Fact]
    public void AddedReadingsFindNothingInTheCleanSeedsNorInTheirPinyin()
    {
        // Seeds 001 and 000's news body, as written and transliterated into pinyin syllable by syllable (in each
        // character's first reading, and in its last: every added reading gets its chance to collide).
        string clean = SeedFiles.Read("001") + "\n" + string.Join('\n', SeedFiles.Read("000").Split('\n').Skip(1));
        var lexicon = Lexicon.LoadDefault();
        foreach (var source in new[] { lexicon, Polyphonic })
        {
            Assert.Empty(Scan(source, clean));
            Assert.Empty(Scan(source, Transliterate(clean, last: false)));
            Assert.Empty(Scan(source, Transliterate(clean, last: true)));
        }
    }

    private static string Transliterate(string text, bool last)
    {
        var output = new System.Text.StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            var readings = PinyinTable.Shared.GetReadings(rune.Value);
            if (readings.Count == 0) output.Append(rune.ToString());
            else output.Append(' ').Append(readings[last ? readings.Count - 1 : 0]).Append(' ');
        }

        return output.ToString();
    }
}
