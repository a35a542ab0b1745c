using Qinglang.Text.Lexicons;

namespace Qinglang.Text.Tests.Lexicons;

public sealed class PinyinFormsTests
{
    [Fact]
    public void PinyinFlagGivesTheFullPinyinAndEveryMixedForm()
    {
        var forms = PinyinForms.Of("色情", EntryFlags.Pinyin);
        Assert.Equal(["seqing", "se情", "色qing"], forms.Select(f => f.Text).ToArray());
        Assert.All(forms, f => Assert.False(f.IsInitials));
    }

    [Fact]
    public void InitialsFlagGivesOnlyTheInitialsMarkedStandalone()
    {
        var form = Assert.Single(PinyinForms.Of("色情", EntryFlags.Initials));
        Assert.Equal(new PinyinForms.Form("sq", IsInitials: true), form);
    }

    [Fact]
    public void EntriesWithoutTheFlagsOrWithoutReadingsHaveNoForms()
    {
        Assert.Empty(PinyinForms.Of("色情", EntryFlags.None));
        Assert.Empty(PinyinForms.Of("色情", EntryFlags.Single));
        Assert.Empty(PinyinForms.Of("deepnude", EntryFlags.Pinyin | EntryFlags.Initials));
    }

    [Fact]
    public void CharactersWithoutAReadingStayInEveryForm()
    {
        var forms = PinyinForms.Of("AV一区", EntryFlags.Pinyin | EntryFlags.Initials);
        Assert.Equal("AVyiqu", forms[0].Text);
        Assert.Equal(new PinyinForms.Form("AVyq", IsInitials: true), forms[1]);
        Assert.Contains(forms, f => f.Text == "AVyi区");
        Assert.Contains(forms, f => f.Text == "AV一qu");
        Assert.Equal(4, forms.Count);
    }

    [Fact]
    public void LongEntriesAreCappedKeepingFullPinyinAndInitials()
    {
        // Eight characters: 254 mixed forms without the cap.
        var forms = PinyinForms.Of("一键脱衣软件下载", EntryFlags.Pinyin | EntryFlags.Initials, out bool capped);
        Assert.True(capped);
        Assert.Equal(PinyinForms.MaxFormsPerEntry, forms.Count);
        Assert.Equal("yijiantuoyiruanjianxiazai", forms[0].Text);
        Assert.Equal("yjtyrjxz", forms[1].Text);
        Assert.Equal("yi键脱衣软件下载", forms[2].Text);
        Assert.Equal(forms.Count, forms.Select(f => f.Text).Distinct().Count());

        PinyinForms.Of("色情", EntryFlags.Pinyin | EntryFlags.Initials, out bool shortCapped);
        Assert.False(shortCapped);
    }
}
