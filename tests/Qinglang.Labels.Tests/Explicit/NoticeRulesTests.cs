using Qinglang.Labels.Explicit;

namespace Qinglang.Labels.Tests.Explicit;

/// <summary>The one rule of a text notice: an AI element and 生成/合成, on one line, close together.</summary>
public sealed class NoticeRulesTests
{
    [Theory]
    [InlineData("本文由AI生成", "AI生成", "AI", "生成")]
    [InlineData("本内容由人工智能合成", "人工智能合成", "人工智能", "合成")]
    [InlineData("由ai生成", "ai生成", "ai", "生成")]
    [InlineData("由ＡＩ生成", "ＡＩ生成", "ＡＩ", "生成")]
    [InlineData("由ａｉ合成", "ａｉ合成", "ａｉ", "合成")]
    [InlineData("AIGC 生成内容", "AIGC 生成", "AIGC", "生成")]
    [InlineData("生成式 AI 辅助", "生成式 AI", "AI", "生成")]
    [InlineData("(Generated with AI · 生成式 AI 辅助)", "AI · 生成", "AI", "生成")]
    public void FindsNoticesWithBothElements(string text, string match, string ai, string generation)
    {
        var found = Assert.Single(NoticeRules.Find(text));

        Assert.Equal(match, text.Substring(found.Index, found.Length));
        Assert.Equal(ai, found.AiElement);
        Assert.Equal(generation, found.GenerationElement);
        Assert.Empty(NoticeRules.Problems(text));
    }

    [Theory]
    [InlineData("The AIR conditioner generates heat. 生成")]
    [InlineData("She said 生成 twice")]
    [InlineData("MAIL 合成")]
    [InlineData("AIGCX 生成")]
    [InlineData("由AI\n生成")]
    [InlineData("机器生成的内容")]
    [InlineData("AI 辅助写作")]
    public void IgnoresLettersInsideWordsLineBreaksAndLoneElements(string text) =>
        Assert.Empty(NoticeRules.Find(text));

    [Fact]
    public void ElementsMoreThanTheGapApartAreNoNotice()
    {
        var near = "AI" + new string('x', NoticeRules.MaxGap).Replace('x', '。') + "生成";
        var far = "AI" + new string('。', NoticeRules.MaxGap + 1) + "生成";

        Assert.Single(NoticeRules.Find(near));
        Assert.Empty(NoticeRules.Find(far));
        Assert.Equal(NoticeProblemCodes.ElementsApart, Assert.Single(NoticeRules.Problems(far)).Code);
    }

    [Fact]
    public void FindsEveryNoticeWithUtf16OffsetsAndStopsAtMax()
    {
        var text = "😀本文由AI生成。\n正文。\n人工智能合成\n";

        var all = NoticeRules.Find(text);

        Assert.Equal([5, 15], all.Select(m => m.Index));
        Assert.Single(NoticeRules.Find(text, max: 1));
        Assert.Equal(15, Assert.Single(NoticeRules.Find(text, start: 10)).Index);
    }

    [Theory]
    [InlineData("机器写的", new[] { NoticeProblemCodes.NoAiElement, NoticeProblemCodes.NoGenerationElement })]
    [InlineData("本文由机器生成", new[] { NoticeProblemCodes.NoAiElement })]
    [InlineData("AI 辅助创作", new[] { NoticeProblemCodes.NoGenerationElement })]
    [InlineData("由AI\n生成", new[] { NoticeProblemCodes.NotOneLine })]
    [InlineData("  ", new[] { NoticeProblemCodes.Missing })]
    public void ProblemsNameWhatIsMissing(string notice, string[] codes)
    {
        Assert.Equal(codes, NoticeRules.Problems(notice).Select(p => p.Code));
        var refused = Assert.Throws<MarkingException>(() => NoticeRules.EnsureValid(notice));
        Assert.NotEmpty(refused.Message);
    }

    [Fact]
    public void ElementsReportsEachKindSeparately()
    {
        Assert.Equal(("AI", null), NoticeRules.Elements("AI 辅助"));
        Assert.Equal((null, "合成"), NoticeRules.Elements("语音合成"));
        Assert.Equal(("人工智能", "生成"), NoticeRules.Elements("生成 … 人工智能"));
    }
}
