using Qinglang.Review.Identifying;
using Qinglang.Review.Tests.Support;

namespace Qinglang.Review.Tests.Identifying;

/// <summary>An explicit label in text content is a trace (Art. 6 case 3).</summary>
public sealed class ExplicitTextLabelTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("本文由AI生成，仅供参考。\n今天天气晴。", "line 1")]
    [InlineData("# 报告\n\n正文。\n\n> 本内容为人工智能合成内容\n", "line 5")]
    [InlineData("Body text.\n\n(Generated with AI · 生成式 AI 辅助)\n", "line 3")]
    public void NoticeInTextIsCase3(string text, string where)
    {
        var file = _folder.File("post.md");
        File.WriteAllText(file, text);

        var result = Identify.Run(file);

        Assert.Equal(Decision.Suspected, result.Decision);
        Assert.Equal(where, Identify.Trace(result, EvidenceKinds.ExplicitLabel).Where);
    }

    [Theory]
    [InlineData("今天天气晴，我们去公园。")]
    [InlineData("The AIR conditioner generates heat.")]
    public void TextWithoutNoticeIsNoDecision(string text)
    {
        var file = _folder.File("post.txt");
        File.WriteAllText(file, text);

        var result = Identify.Run(file);

        Assert.Null(result.Decision);
        Assert.Contains("不能证明", result.Note);
    }
}
