using System.Text;
using Qinglang.Labels.Explicit;
using Qinglang.Labels.Explicit.Text;

namespace Qinglang.Labels.Tests.Explicit;

/// <summary>Capability 4: whether a text or Markdown file carries a conforming notice, where, and what is wrong if not.</summary>
public sealed class TextNoticeCheckerTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("a.txt", "本文由AI生成。\n正文第一段。\n正文第二段。\n", NoticePosition.Start, 1)]
    [InlineData("b.txt", "\n\n  本文由AI生成  \n正文。\n", NoticePosition.Start, 3)]
    [InlineData("c.txt", "正文第一段。\n正文第二段。\n\n（本文内容由人工智能合成）\n\n", NoticePosition.End, 4)]
    [InlineData("d.txt", "由ＡＩ生成", NoticePosition.StartAndEnd, 1)]
    [InlineData("e.md", "# 标题\n\n> 本文由AI生成\n\nSome **bold** prose with a [link](https://example.org).\n\n正文。\n", NoticePosition.Start, 3)]
    [InlineData("f.md", "---\ntitle: x\n---\n\n> 由AI生成\n\nSome **bold** prose with a [link](https://example.org).\n\n正文。\n", NoticePosition.Start, 5)]
    public void ANoticeAtTheStartOrEndConforms(string name, string text, NoticePosition position, int line)
    {
        var report = TextNoticeChecker.Default.Check(TextFiles.Write(_folder, name, text));

        Assert.True(report.Conforming, string.Join("; ", report.Problems));
        Assert.False(report.Unreadable);
        Assert.Empty(report.Problems);
        var notice = Assert.Single(report.Notices);
        Assert.Equal(position, notice.Position);
        Assert.Equal(line, notice.Line);
        Assert.Equal(notice.Text, text.Substring(notice.Offset, notice.Length));
        Assert.DoesNotContain('>', notice.Text);
    }

    [Fact]
    public void NoticesOnlyInTheMiddleDoNotConform()
    {
        var report = TextNoticeChecker.Default.Check(TextFiles.Write(_folder, "mid.txt", "第一段。\n中间说明：本段由AI生成。\n最后一段。\n"));

        Assert.False(report.Conforming);
        Assert.Equal(NoticePosition.Middle, Assert.Single(report.Notices).Position);
        Assert.Equal([NoticeProblemCodes.NotAtStartOrEnd], report.Problems.Select(p => p.Code));
    }

    [Theory]
    [InlineData("今天天气晴。\n我们去公园。\n", new[] { NoticeProblemCodes.Missing })]
    [InlineData("AI 辅助创作\n正文。\n", new[] { NoticeProblemCodes.Missing, NoticeProblemCodes.NoGenerationElement })]
    [InlineData("正文。\n本文由机器生成\n", new[] { NoticeProblemCodes.Missing, NoticeProblemCodes.NoAiElement })]
    [InlineData("AI。。。。。。。。。。。。。。。。。。。。。。。。。。。。。。生成\n正文。\n", new[] { NoticeProblemCodes.Missing, NoticeProblemCodes.ElementsApart })]
    public void MissingNoticesAndNearMissesAreNamed(string text, string[] codes)
    {
        var report = TextNoticeChecker.Default.Check(TextFiles.Write(_folder, "story.txt", text));

        Assert.False(report.Conforming);
        Assert.False(report.Unreadable);
        Assert.Empty(report.Notices);
        Assert.Equal(codes, report.Problems.Select(p => p.Code));
        Assert.All(report.Problems.Skip(1), p => Assert.Equal("line " + (text.StartsWith("正文", StringComparison.Ordinal) ? 2 : 1), p.Where));
    }

    [Fact]
    public void NoticesReadersNeverSeeDoNotCount()
    {
        const string text = "---\ndescription: 本文由AI生成\n---\n<!-- 本文由AI生成 -->\n# 标题\n\nSome **bold** prose with a [link](https://example.org).\n";

        var report = TextNoticeChecker.Default.Check(TextFiles.Write(_folder, "hidden.md", text));

        Assert.Equal("markdown", report.Format);
        Assert.False(report.Conforming);
        Assert.Equal([NoticeProblemCodes.Missing, NoticeProblemCodes.Hidden], report.Problems.Select(p => p.Code));
        Assert.Equal("line 4", report.Problems[1].Where);
    }

    [Theory]
    [InlineData("utf-8-bom")]
    [InlineData("utf-16le")]
    [InlineData("utf-16be")]
    public void OffsetsCountUtf16UnitsOfTheDecodedText(string form)
    {
        const string text = "😀标题\r\n正文。\r\n  由AI生成\r\n";

        var report = TextNoticeChecker.Default.Check(TextFiles.Write(_folder, "story.txt", text, form));

        var notice = Assert.Single(report.Notices);
        Assert.Equal((NoticePosition.End, 3, 13, 5), (notice.Position, notice.Line, notice.Offset, notice.Length));
        Assert.Equal("AI生成", notice.Match);
        Assert.Equal(["AI", "生成"], notice.Elements);
    }

    [Fact]
    public void MiddleNoticesAreListedUpToABound()
    {
        var text = "由AI生成\n" + string.Concat(Enumerable.Repeat("引用：由AI生成\n", 100)) + "结尾。\n";

        var report = TextNoticeChecker.Default.Check(TextFiles.Write(_folder, "many.txt", text));

        Assert.True(report.Conforming);
        Assert.Equal(NoticePosition.Start, report.Notices[0].Position);
        Assert.Equal(32, report.Notices.Count(n => n.Position == NoticePosition.Middle));
    }

    [Fact]
    public void FilesThatAreNotReadableTextAreReportedAsUnreadable()
    {
        var binary = _folder.File("noise.bin");
        File.WriteAllBytes(binary, [0x00, 0x01, 0x02, 0xFF, 0x00, 0x10]);
        var broken = _folder.File("broken.txt");
        File.WriteAllBytes(broken, [.. Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("由AI生成。\n", 1000))), 0xFF, (byte)'\n']);

        var reports = new[] { binary, broken, _folder.File("absent.txt") }.Select(TextNoticeChecker.Default.Check).ToList();

        Assert.All(reports, r => Assert.True(r.Unreadable && !r.Conforming));
        Assert.Equal([NoticeProblemCodes.NotText, NoticeProblemCodes.Encoding, NoticeProblemCodes.Unreadable], reports.Select(r => Assert.Single(r.Problems).Code));
    }
}
