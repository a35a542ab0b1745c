using Qinglang.Core;
using Qinglang.Text.Detectors;

namespace Qinglang.Text.Tests.Detectors;

public sealed class MessengerIdDetectorTests
{
    private readonly MessengerIdDetector _detector = new();

    [Theory]
    [InlineData("有意者 vx: abc_123 私聊", "vx: abc_123", "wechat:abc_123")]
    [InlineData("加微信：Zhang-San88", "微信：Zhang-San88", "wechat:zhang-san88")]
    [InlineData("V信 hello_world", "V信 hello_world", "wechat:hello_world")]
    [InlineData("ＶＸ：ａｂｃｄｅｆ１", "ＶＸ：ａｂｃｄｅｆ１", "wechat:abcdef1")]
    [InlineData("weixin=goodluck2024", "weixin=goodluck2024", "wechat:goodluck2024")]
    [InlineData("威信 13800138000", "威信 13800138000", "wechat:13800138000")]
    [InlineData("wx号是 lucky_star", "wx号是 lucky_star", "wechat:lucky_star")]
    public void FindsWeChatIds(string text, string expected, string normalized)
    {
        var finding = Check.Single(_detector, text, expected);
        Assert.Equal(CategoryCodes.Ads, finding.Category);
        Assert.Equal(normalized, finding.Normalized);
        Assert.StartsWith("contact.wechat", finding.Rule);
    }

    [Theory]
    [InlineData("vx: abc")] // shorter than six characters
    [InlineData("vx: 1abcdef")] // starts with a digit but is not a number
    [InlineData("vx: abcdefghijklmnopqrstu")] // longer than twenty
    [InlineData("成年女人wwxx免费")] // "wx" inside a word
    [InlineData("wechatting with friends")]
    [InlineData("微信支付已经普及")]
    [InlineData("微信20250620发布新版本")]
    [InlineData("微信 12345678人使用")]
    public void IgnoresWhatIsNotAWeChatId(string text) => Assert.Empty(Check.Detect(_detector, text));

    [Theory]
    [InlineData("QQ：12345678", "QQ：12345678", "qq:12345678", Severity.Warning)]
    [InlineData("扣扣 987654321 在线", "扣扣 987654321", "qq:987654321", Severity.Warning)]
    [InlineData("企鹅号 1 2 3 4 5 6 7", "企鹅号 1 2 3 4 5 6 7", "qq:1234567", Severity.Error)]
    [InlineData("qq群:壹贰叁肆伍陆", "qq群:壹贰叁肆伍陆", "qq:123456", Severity.Error)]
    public void FindsQqNumbers(string text, string expected, string normalized, Severity severity)
    {
        var finding = Check.Single(_detector, text, expected);
        Assert.Equal(normalized, finding.Normalized);
        Assert.Equal(severity, finding.Severity);
    }

    [Theory]
    [InlineData("QQ: 1234")] // too short
    [InlineData("QQ: 012345")] // QQ numbers have no leading zero
    [InlineData("QQ: 123456789012")] // too long
    [InlineData("QQ音乐很好听")]
    [InlineData("企鹅是一种鸟")]
    [InlineData("QQ 100000个用户")]
    public void IgnoresWhatIsNotAQqNumber(string text) => Assert.Empty(Check.Detect(_detector, text));

    [Theory]
    [InlineData("飞机：@shop_bot88 下单", "飞机：@shop_bot88", "telegram:@shop_bot88")]
    [InlineData("TG @DealsChannel", "TG @DealsChannel", "telegram:@dealschannel")]
    [InlineData("电报 vip_888", "电报 vip_888", "telegram:@vip_888")]
    public void FindsTelegramHandles(string text, string expected, string normalized) =>
        Assert.Equal(normalized, Check.Single(_detector, text, expected).Normalized);

    [Theory]
    [InlineData("坐飞机去北京")]
    [InlineData("飞机 tickets")]
    [InlineData("tg @ab")]
    public void IgnoresWhatIsNotATelegramHandle(string text) => Assert.Empty(Check.Detect(_detector, text));
}
