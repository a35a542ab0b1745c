using Qinglang.Core;
using Qinglang.Text.Detectors;

namespace Qinglang.Text.Tests.Detectors;

public sealed class BankCardDetectorTests
{
    private readonly BankCardDetector _detector = new();

    [Theory]
    [InlineData("卡号 6222 0212 3456 7890 128 转账", "6222 0212 3456 7890 128")]
    [InlineData("银联6217001234567893", "6217001234567893")]
    [InlineData("Visa 4111-1111-1111-1111.", "4111-1111-1111-1111")]
    [InlineData("６２１７００１２３４５６７８９３", "６２１７００１２３４５６７８９３")]
    public void FindsCardNumbers(string text, string expected)
    {
        var finding = Check.Single(_detector, text, expected);
        Assert.Equal(CategoryCodes.PiiBankCard, finding.Category);
    }

    [Theory]
    [InlineData("6222021234567890127")] // fails Luhn
    [InlineData("4111111111111112")]
    [InlineData("1234567812345670")] // passes Luhn, but no bank issues 12…
    [InlineData("0000000000000000")]
    [InlineData("440301199003071230")] // a valid ID card number is not a bank card
    [InlineData("订单 62170012345678930")] // 17 digits: fails Luhn at every length
    public void IgnoresOtherNumbers(string text) => Assert.Empty(Check.Detect(_detector, text));

    [Fact]
    public void LuhnMatchesKnownValues()
    {
        Assert.True(BankCardDetector.PassesLuhn("79927398713"));
        Assert.False(BankCardDetector.PassesLuhn("79927398710"));
    }
}
