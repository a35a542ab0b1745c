using Qinglang.Core;
using Qinglang.Text.Detectors;

namespace Qinglang.Text.Tests.Detectors;

public sealed class IdCardDetectorTests
{
    private readonly IdCardDetector _detector = new();

    [Theory]
    [InlineData("身份证号11010519491231002X。", "11010519491231002X")]
    [InlineData("证件 11010519491231002x", "11010519491231002x")]
    [InlineData("ID 440301199003071230 ok", "440301199003071230")]
    [InlineData("310115 19850615 0049", "310115 19850615 0049")]
    [InlineData("４４０３０１１９９００３０７１２３０", "４４０３０１１９９００３０７１２３０")]
    [InlineData("旧证 110105491231002 已换", "110105491231002")]
    public void FindsValidNumbers(string text, string expected)
    {
        var finding = Check.Single(_detector, text, expected);
        Assert.Equal(CategoryCodes.PiiIdCard, finding.Category);
    }

    [Theory]
    [InlineData("110105194912310021")] // wrong check character (X expected)
    [InlineData("440301199003071231")] // wrong check digit
    [InlineData("440301199013071239")] // month 13
    [InlineData("990301199003071230")] // no province 99
    [InlineData("110105491331002")] // old form, month 13
    [InlineData("4403011990030712301")] // 19 digits: part of a longer number
    public void IgnoresInvalidNumbers(string text) => Assert.Empty(Check.Detect(_detector, text));

    [Fact]
    public void CheckCharacterFollowsIso7064()
    {
        Assert.Equal('X', IdCardNumber.CheckCharacter("11010519491231002"));
        Assert.Equal('0', IdCardNumber.CheckCharacter("44030119900307123"));
        Assert.True(IdCardNumber.IsValid18("310115198506150049", 2025));
        Assert.False(IdCardNumber.IsValid18("310115203006150049", 2025)); // born in the future
    }
}
