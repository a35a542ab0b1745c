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
}
