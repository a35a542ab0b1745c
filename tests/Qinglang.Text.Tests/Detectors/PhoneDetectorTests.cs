using Qinglang.Core;
using Qinglang.Text.Detectors;

namespace Qinglang.Text.Tests.Detectors;

public sealed class PhoneDetectorTests
{
    private readonly PhoneDetector _detector = new();

    [Theory]
    [InlineData("加我 1 3 8-0013-8000 细聊", "1 3 8-0013-8000")]
    [InlineData("壹叁捌零零壹叁捌零零零", "壹叁捌零零壹叁捌零零零")]
    [InlineData("电话：幺三八零零幺三八零零零", "幺三八零零幺三八零零零")]
    [InlineData("号码①③⑧⓪⓪①③⑧⓪⓪⓪速来", "①③⑧⓪⓪①③⑧⓪⓪⓪")]
    [InlineData("打 １３８００１３８０００ 就行", "１３８００１３８０００")]
    [InlineData("call 1.3.8.0.0.1.3.8.0.0.0!", "1.3.8.0.0.1.3.8.0.0.0")]
    [InlineData("拨13\u200B800\u200B138000", "13\u200B800\u200B138000")]
    public void ObfuscatedNumbersAreTrafficDiversionErrors(string text, string expected)
    {
        var finding = Check.Single(_detector, text, expected);
        Assert.Equal(CategoryCodes.Ads, finding.Category);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Equal("13800138000", finding.Normalized);
        Assert.Equal("contact.phone.obfuscated", finding.Rule);
    }

    [Fact]
    public void PlainNumberWithoutAdvertisingIsPersonalInformation()
    {
        var finding = Check.Single(_detector, "张三的手机号是13800138000。", "13800138000");
        Assert.Equal(CategoryCodes.PiiPhone, finding.Category);
        Assert.Equal(Severity.Warning, finding.Severity);
    }

    [Theory]
    [InlineData("咨询热线 138 0013 8000", "138 0013 8000")]
    [InlineData("13800138000 微信同号", "13800138000")]
    public void AdvertisedNumberIsTrafficDiversion(string text, string expected)
    {
        var finding = Check.Single(_detector, text, expected);
        Assert.Equal(CategoryCodes.Ads, finding.Category);
        Assert.Equal("contact.phone", finding.Rule);
    }

    [Theory]
    [InlineData("+86 138 0013 8000", "138 0013 8000")]
    [InlineData("+8613800138000", "13800138000")]
    [InlineData("008613800138000", "13800138000")]
    public void CountryCodeIsAllowed(string text, string expected) => Check.Single(_detector, text, expected);

    [Fact]
    public void FindsTwoNumbersSeparatedBySpaces()
    {
        var findings = Check.Detect(_detector, "13800138000 13900139000");
        Assert.Equal(["13800138000", "13900139000"], findings.Select(f => f.Normalized));
    }

    [Theory]
    [InlineData("12800138000")] // 1 then 2: not a mobile prefix
    [InlineData("138001380001")] // 12 digits in one group
    [InlineData("订单号 2138001380005")]
    [InlineData("共处置3700余个账号，清理96万余条信息")]
    [InlineData("2025年06月20日 第一二三阶段")]
    [InlineData("id a13800138000b")]
    [InlineData("1 3 8 0 0    1 3 8 0 0 0")] // a gap of four separators ends the number
    public void IgnoresWhatIsNotAMobileNumber(string text) => Assert.Empty(Check.Detect(_detector, text));
}
