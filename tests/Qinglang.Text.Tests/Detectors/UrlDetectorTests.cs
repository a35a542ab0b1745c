using Qinglang.Core;
using Qinglang.Text.Detectors;

namespace Qinglang.Text.Tests.Detectors;

public sealed class UrlDetectorTests
{
    private readonly UrlDetector _detector = new();

    [Theory]
    [InlineData("看这里 https://example.com/path?a=1 哦", "https://example.com/path?a=1", "contact.url")]
    [InlineData("访问 www.example.com。", "www.example.com", "contact.url")]
    [InlineData("域名 abc123.cn，速来", "abc123.cn", "contact.url")]
    [InlineData("网址：www点example点com", "www点example点com", "contact.url.obfuscated")]
    [InlineData("去 example。com 看", "example。com", "contact.url.obfuscated")]
    [InlineData("ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ", "ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ", "contact.url.obfuscated")]
    [InlineData("see example dot com now", "example dot com", "contact.url.obfuscated")]
    [InlineData("see example(.)com now", "example(.)com", "contact.url.obfuscated")]
    [InlineData("群 t.me/shop_bot 进", "t.me/shop_bot", "contact.telegram")]
    [InlineData("ＨＴＴＰＳ：／／ｓｐａｍ．ｃｎ", "ＨＴＴＰＳ：／／ｓｐａｍ．ｃｎ", "contact.url")]
    public void FindsLinksAndDomains(string text, string expected, string rule)
    {
        var finding = Check.Single(_detector, text, expected);
        Assert.Equal(CategoryCodes.Ads, finding.Category);
        Assert.Equal(rule, finding.Rule);
    }

    [Theory]
    [InlineData("www点example点com", "www.example.com")]
    [InlineData("example dot com", "example.com")]
    [InlineData("example[点]cn", "example.cn")]
    public void NormalizesStandInsForTheDot(string text, string normalized) =>
        Assert.Equal(normalized, Assert.Single(Check.Detect(_detector, text)).Normalized);

    [Theory]
    [InlineData("写信到 user@example.com")] // the email detector's
    [InlineData("example.community is a word")]
    [InlineData("版本 3.5 和 report.pdf")]
    [InlineData("AI点评：这款产品不错")]
    [InlineData("中央网信办深入开展专项行动。")]
    public void IgnoresWhatIsNotALink(string text) => Assert.Empty(Check.Detect(_detector, text));
}
