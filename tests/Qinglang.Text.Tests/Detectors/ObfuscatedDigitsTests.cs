using Qinglang.Text.Detectors;

namespace Qinglang.Text.Tests.Detectors;

public sealed class ObfuscatedDigitsTests
{
    [Theory]
    [InlineData("7", 7)]
    [InlineData("７", 7)]
    [InlineData("七", 7)]
    [InlineData("柒", 7)]
    [InlineData("幺", 1)]
    [InlineData("〇", 0)]
    [InlineData("⑦", 7)]
    [InlineData("⑺", 7)]
    [InlineData("⒎", 7)]
    [InlineData("❼", 7)]
    [InlineData("⁷", 7)]
    [InlineData("\U0001D7D5", 7)] // MATHEMATICAL BOLD DIGIT SEVEN, a surrogate pair
    [InlineData("٧", 7)] // Arabic-Indic
    public void ReadsEveryFormOfADigit(string text, int value)
    {
        Assert.Equal(value, ObfuscatedDigits.ValueAt(text, 0, out var length));
        Assert.Equal(text.Length, length);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("十")] // a number word, not a digit
    [InlineData("⑩")]
    [InlineData("\uD800")] // lone surrogate
    public void RejectsNonDigits(string text) => Assert.Equal(-1, ObfuscatedDigits.ValueAt(text, 0, out _));

    [Fact]
    public void RunsKeepGroupsAndOriginalPositions()
    {
        var run = Assert.Single(new DigitRunScanner().FindAll("tel 1 3 8-0013-8000 end", 11));
        Assert.Equal("13800138000", run.Digits);
        Assert.True(run.IsObfuscated);
        Assert.True(run.IsAligned(0, 11));
        Assert.True(run.IsAligned(1, 11));
        Assert.False(run.IsAligned(4, 11)); // inside the group "0013"
        Assert.Equal((4, 19), run.Span(0, 11));
    }

    [Fact]
    public void PlainGroupingIsNotObfuscation()
    {
        var run = Assert.Single(new DigitRunScanner().FindAll("138 0013 8000", 11));
        Assert.False(run.IsObfuscated);
    }
}
