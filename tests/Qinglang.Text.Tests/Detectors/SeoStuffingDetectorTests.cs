using Qinglang.Core;
using Qinglang.Text.Detectors;

namespace Qinglang.Text.Tests.Detectors;

public sealed class SeoStuffingDetectorTests
{
    private readonly SeoStuffingDetector _detector = new();

    [Fact]
    public void CatchesTheInjectedFirstLineOfSeed000()
    {
        var seed = Seeds.Read("000");
        var firstLine = seed[..seed.IndexOf('\n')].TrimEnd('\r');
        var finding = Assert.Single(Check.Detect(_detector, seed));
        Assert.Equal(CategoryCodes.Ads, finding.Category);
        Assert.Equal(0, finding.Start);
        Assert.Equal(firstLine.TrimEnd(), finding.Text);
        Assert.StartsWith("seo.keyword_stuffing", finding.Rule);
    }

    [Fact]
    public void LeavesTheNewsBodyOfSeed000Alone()
    {
        var seed = Seeds.Read("000");
        Assert.Empty(Check.Detect(_detector, seed[(seed.IndexOf('\n') + 1)..]));
    }

    [Theory]
    [InlineData("001")]
    [InlineData("002")]
    public void LeavesOtherSeedsAlone(string seed) => Assert.Empty(Check.Detect(_detector, Seeds.Read(seed)));

    [Theory]
    [InlineData("免费看片,在线看片,高清看片,看片神器,午夜看片,看片网站")] // one bait in every phrase
    [InlineData("彩票app下载、彩票平台、彩票官网、彩票注册、彩票代理、彩票开户")]
    [InlineData("av在线,av网站,成人av,日本av,av电影,免费av")] // Latin glued to Chinese
    [InlineData("大乐透 双色球 北京赛车 幸运飞艇 时时彩 快三 极速赛车 六合彩 澳门开奖 香港开奖")] // ten phrases
    public void CatchesBaitLists(string line)
    {
        var text = "正文开始。\n" + line + "\n正文结束。";
        var finding = Assert.Single(Check.Detect(_detector, text));
        Assert.Equal(line, finding.Text);
    }

    [Theory]
    [InlineData("第一阶段累计处置违规小程序、应用程序、智能体等AI产品3500余款,清理违法违规信息96万余条,处置账号3700余个,各项工作取得积极进展。")]
    [InlineData("标签：人工智能、深度合成、清朗、专项行动、网信办、内容标识")] // tags: no repeated bait, no glued Latin
    [InlineData("我们的目标是,让每一个人都能在这里,找到他们需要的东西,并且在这个过程中,感受到我们的服务,以及我们的用心")]
    [InlineData("the quick brown fox jumps over the lazy dog again and again")]
    [InlineData("首頁 > 要聞 > 正文")]
    public void LeavesProseAndShortListsAlone(string line) => Assert.Empty(Check.Detect(_detector, line));
}
