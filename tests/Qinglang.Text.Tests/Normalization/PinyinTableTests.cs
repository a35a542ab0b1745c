using Qinglang.Text.Normalization;

namespace Qinglang.Text.Tests.Normalization;

public sealed class PinyinTableTests
{
    [Theory]
    [InlineData('中', "zhong", 'z')]
    [InlineData('色', "se", 's')]
    [InlineData('情', "qing", 'q')]
    [InlineData('女', "nv", 'n')]
    [InlineData('绿', "lv", 'l')]
    [InlineData('網', "wang", 'w')]
    public void ReadingsAreTonelessWithTheirInitial(char character, string pinyin, char initial)
    {
        Assert.Equal(pinyin, PinyinTable.Shared.GetPinyin(character));
        Assert.Equal(initial, PinyinTable.Shared.GetInitial(character));
    }

    [Fact]
    public void CharactersWithoutAReadingHaveNone()
    {
        Assert.Null(PinyinTable.Shared.GetPinyin('a'));
        Assert.Equal('\0', PinyinTable.Shared.GetInitial('。'));
        Assert.True(PinyinTable.Shared.Count > 40_000);
    }

    [Fact]
    public void WordsConvertToPinyinAndInitials()
    {
        Assert.Equal("seqing", PinyinTable.Shared.ToPinyin("色情"));
        Assert.Equal("sq", PinyinTable.Shared.ToInitials("色情"));
        Assert.Equal("a1guochan", PinyinTable.Shared.ToPinyin("a1国产"));
    }

    [Fact]
    public void SupplementaryCharactersHaveReadings() =>
        Assert.NotNull(PinyinTable.Shared.GetPinyin(0x20000)); // 𠀀, CJK Extension B

    [Theory]
    [InlineData('行', "xing hang heng")]
    [InlineData('长', "zhang chang")]
    [InlineData('乐', "le yue")]
    [InlineData('樂', "le yue")]
    [InlineData('重', "zhong chong")]
    [InlineData('中', "zhong")]
    [InlineData('百', "bai")] // 汉语大字典's classical bo/mo are left out on purpose
    public void PolyphonicCharactersHaveEveryModernReadingTheFirstFirst(char character, string readings)
    {
        Assert.Equal(readings.Split(' '), PinyinTable.Shared.GetReadings(character));
        Assert.Equal(readings.Split(' ')[0], PinyinTable.Shared.GetPinyin(character));
    }

    [Fact]
    public void ReadingsCoverThePolyphonicCharactersAndNothingForOthers()
    {
        Assert.Empty(PinyinTable.Shared.GetReadings('a'));
        Assert.InRange(PinyinTable.Shared.PolyphonicCount, 700, 1000);
    }
}
