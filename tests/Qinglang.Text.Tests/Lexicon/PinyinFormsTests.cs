using Qinglang.Text.Lexicons;

namespace Qinglang.Text.Tests.Lexicons;

public sealed class PinyinFormsTests
{
    [Fact]
    public void PinyinFlagGivesTheFullPinyinAndEveryMixedForm()
    {
        // 色 is also read shai: its forms follow those of the first reading.
        var forms = PinyinForms.Of("色情", EntryFlags.Pinyin);
        Assert.Equal(["seqing", "shaiqing", "se情", "色qing", "shai情"], forms.Select(f => f.Text).ToArray());
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
        // 区 is qu, and ou as a surname.
        var forms = PinyinForms.Of("AV一区", EntryFlags.Pinyin | EntryFlags.Initials);
        Assert.Equal(["AVyiqu", "AVyq", "AVyiou", "AVyo", "AVyi区", "AV一qu", "AV一ou"], forms.Select(f => f.Text));
        Assert.Equal(new PinyinForms.Form("AVyq", IsInitials: true), forms[1]);
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

    [Fact]
    public void PolyphonicCharactersGiveAFormForEachReading()
    {
        var forms = PinyinForms.Of("长乐", EntryFlags.Pinyin | EntryFlags.Initials, out bool capped);
        var texts = forms.Select(f => f.Text).ToList();
        Assert.False(capped);
        // First readings first, then the others with the fewest changed characters, then mixed forms.
        Assert.Equal(["zhangle", "zl", "changle", "zhangyue", "changyue", "cl", "zy", "cy"], texts.Take(8));
        Assert.Equal(["zl", "cl", "zy", "cy"], forms.Where(f => f.IsInitials).Select(f => f.Text));
        Assert.Contains("长yue", texts);
        Assert.Contains("chang乐", texts);
        Assert.Equal(texts.Count, texts.Distinct().Count());
        Assert.Equal(8 + 4, texts.Count); // mixed: 长 or 乐 in each of the other's 2 readings
    }

    [Fact]
    public void ReadingsSharingAnInitialGiveOneInitialsForm()
    {
        // 家 is jia or jie: both j.
        var initials = PinyinForms.Of("百家", EntryFlags.Initials);
        Assert.Equal([new PinyinForms.Form("bj", IsInitials: true)], initials);
    }

    [Fact]
    public void AFourCharacterWordWithOnePolyphonicCharacterKeepsEveryForm()
    {
        // 色 is se or shai: 2 full forms, 1 initials, 14 + 7 mixed.
        var forms = PinyinForms.Of("色情网站", EntryFlags.Pinyin | EntryFlags.Initials, out bool capped);
        Assert.False(capped);
        Assert.Equal(24, forms.Count);
        Assert.Contains(forms, f => f.Text == "shaiqingwangzhan");
        Assert.Contains(forms, f => f.Text == "shai情网站");
    }

    [Fact]
    public void ManyPolyphonicCharactersAreCappedQuicklyInTheDocumentedOrder()
    {
        string word = string.Concat(Enumerable.Repeat("行长乐", 20)); // 60 characters, 3 × 2 × 2 readings each
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var forms = PinyinForms.Of(word, EntryFlags.Pinyin | EntryFlags.Initials, out bool capped);
        watch.Stop();
        Assert.True(capped);
        Assert.Equal(PinyinForms.MaxFormsPerEntry, forms.Count);
        Assert.Equal(string.Concat(Enumerable.Repeat("xingzhangle", 20)), forms[0].Text);
        Assert.Equal(string.Concat(Enumerable.Repeat("xzl", 20)), forms[1].Text);
        Assert.Equal("hang" + string.Concat(Enumerable.Repeat("xingzhangle", 20))[4..], forms[2].Text);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }
}
