using Qinglang.Core;
using Qinglang.Text.Lexicons;

namespace Qinglang.Text.Tests.Lexicons;

public sealed class DefaultLexiconTests
{
    private static readonly Lexicon Default = Lexicon.LoadDefault();

    // Seed 000's first line as written for this test, in simplified characters (the seed's own line is the
    // injected porn-spam keyword run; the normalizer, written elsewhere, folds traditional forms and width).
    private const string SpamLine = "四虎影视永久地址WWW成人,成年女人wwxx免费,国产精品交换,亚洲人成色77777 久久夜色精品国产,国产午夜精品福利久久,亚洲自偷自拍另类12p,狠狠综合久久AV一区二区";

    [Fact]
    public void LoadsFromTheEmbeddedResourceWithAVersionAndEveryDocumentedCategory()
    {
        Assert.Equal("2025.11.1", Default.Version);
        var counts = Default.CountByCategory();
        string[] categories = [CategoryCodes.Porn, CategoryCodes.Gambling, CategoryCodes.Drugs, CategoryCodes.Fraud, CategoryCodes.Ads,
            CategoryCodes.AiIllegalService, CategoryCodes.AiSexual];
        Assert.Equal(categories.Order(StringComparer.Ordinal), counts.Keys);
        Assert.All(categories, c => Assert.True(counts[c] >= 25, $"{c}: {counts[c]}"));
        Assert.True(Default.Entries.Count >= 300);
        // The curated library is clean by its own rules: no duplicates, no skipped entries, no common-text hits.
        Assert.Empty(Default.Warnings);
    }

    [Fact]
    public void CatchesEveryKeywordGroupOfSeed000sSpamLine()
    {
        var detector = new LexiconDetector(Default);
        var findings = detector.Detect(SpamLine).ToList();
        Assert.All(findings, f => Assert.Equal(CategoryCodes.Porn, f.Category));
        Assert.All(findings, f => Assert.Equal(SpamLine[f.Start..f.End], f.Text));
        int offset = 0;
        foreach (string group in SpamLine.Split(','))
        {
            int end = offset + group.Length;
            Assert.True(findings.Any(f => f.Start >= offset && f.End <= end), $"nothing found in \"{group}\"");
            offset = end + 1;
        }

        Assert.Contains(findings, f => f.Text == "AV一区二区" && f.Normalized == "av一区二区");
        Assert.True(findings.Count >= 10, string.Join(", ", findings.Select(f => f.Text)));
    }

    [Fact]
    public void TheSeedSpamLineItselfIsCaughtWhereItIsAlreadySimplified()
    {
        string firstLine = SeedFiles.Read("000").Split('\n')[0];
        var findings = new LexiconDetector(Default).Detect(firstLine).ToList();
        Assert.Contains(findings, f => f.Text == "四虎影视");
        Assert.True(findings.Count >= 8, string.Join(", ", findings.Select(f => f.Text)));
    }

    [Fact]
    public void FindsNothingInTheCampaignNotice()
    {
        // Seed 001 names the very abuses the library targets (一键脱衣, 换脸工具, 语音合成器, 色情低俗 …) as a
        // government notice; a library that fires on it would flood every news report.
        string notice = SeedFiles.Read("001");
        var findings = new LexiconDetector(Default).Detect(notice).ToList();
        Assert.True(findings.Count == 0, string.Join(", ", findings.Select(f => $"{f.Text}({f.Rule})")));
    }

    [Fact]
    public void FindsNothingInTheRegulationNorInTheNewsBodyOfSeed000()
    {
        string body = string.Join('\n', SeedFiles.Read("000").Split('\n').Skip(1));
        var detector = new LexiconDetector(Default);
        var findings = detector.Detect(body).Concat(detector.Detect(SeedFiles.Read("002"))).ToList();
        Assert.True(findings.Count == 0, string.Join(", ", findings.Select(f => $"{f.Text}({f.Rule})")));
    }

    [Fact]
    public void AllowListedPhrasesKeepNewsAboutTheAbusesClean()
    {
        var detector = new LexiconDetector(Default);
        Assert.Empty(detector.Detect("警方提醒:警惕刷单返利类诈骗,银行加强反洗钱监测。亚洲人成为最大群体。"));
        Assert.NotEmpty(detector.Detect("刷单返利,日结,加微信"));
    }
}
