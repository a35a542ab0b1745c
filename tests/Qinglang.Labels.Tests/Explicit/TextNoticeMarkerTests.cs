using System.Text;
using Qinglang.Labels.Explicit;

namespace Qinglang.Labels.Tests.Explicit;

/// <summary>Notices written into plain text and Markdown, byte for byte around them, in the file's encoding and line endings.</summary>
public sealed class TextNoticeMarkerTests : IDisposable
{
    private const string Story = "今天天气晴。\n我们去公园。\n";
    private const string Readme = "# Project title\n\nSome **important** prose with a [link](https://example.org/page).\n\n- first item\n- second item\n";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(null, "由AI生成\n" + Story)]
    [InlineData(MarkPosition.Start, "由AI生成\n" + Story)]
    [InlineData(MarkPosition.End, Story + "由AI生成\n")]
    [InlineData(MarkPosition.Both, "由AI生成\n" + Story + "由AI生成\n")]
    public void PlainTextGetsTheNoticeOnItsOwnLine(MarkPosition? position, string expected)
    {
        var input = TextFiles.Write(_folder, "story.txt", Story);

        var result = TextFiles.Mark(input, _folder.File("marked.txt"), position);

        Assert.Equal(expected, File.ReadAllText(_folder.File("marked.txt")));
        Assert.Equal("text", result.Media);
        Assert.Equal(position ?? MarkPosition.Start, result.Position);
        Assert.Contains(result.Checks, c => c.Contains("line endings kept", StringComparison.Ordinal));
        Assert.Equal(Story, File.ReadAllText(input));
    }

    [Theory]
    [InlineData(MarkPosition.Start, "> 由AI生成\n\n" + Readme)]
    [InlineData(MarkPosition.End, Readme + "\n> 由AI生成\n")]
    [InlineData(MarkPosition.Both, "> 由AI生成\n\n" + Readme + "\n> 由AI生成\n")]
    public void MarkdownGetsTheNoticeAsItsOwnQuoteParagraph(MarkPosition position, string expected)
    {
        var input = TextFiles.Write(_folder, "readme.md", Readme);

        TextFiles.Mark(input, _folder.File("marked.md"), position);

        Assert.Equal(expected, File.ReadAllText(_folder.File("marked.md")));
    }

    [Theory]
    [InlineData("utf-8", "\n")]
    [InlineData("utf-8", "\r\n")]
    [InlineData("utf-8-bom", "\n")]
    [InlineData("utf-8-bom", "\r\n")]
    [InlineData("utf-16le", "\n")]
    [InlineData("utf-16le", "\r\n")]
    [InlineData("utf-16be", "\n")]
    [InlineData("utf-16be", "\r\n")]
    public void EncodingAndLineEndingsAreKept(string form, string newLine)
    {
        // Forty paragraphs: the carrier registry takes a UTF-16 LE text shorter than the MPEG frame its BOM and first
        // character spell (FF FE CA 4E: 576 bytes) for MP3; a longer text shows no second frame and stays text.
        var story = string.Concat(Enumerable.Repeat(Story, 40)).Replace("\n", newLine, StringComparison.Ordinal);
        var input = TextFiles.Write(_folder, "story.txt", story, form);
        var output = _folder.File("marked.txt");

        TextFiles.Mark(input, output, MarkPosition.Both, "本文由人工智能生成");

        var expected = "本文由人工智能生成" + newLine + story + "本文由人工智能生成" + newLine;
        Assert.Equal(TextFiles.Encode(expected, form), File.ReadAllBytes(output));
        Assert.Equal(TextFiles.Describe(input), TextFiles.Describe(output)); // the same encoding and terminators to `file`
        Assert.Equal(expected.Replace("\r\n", "\n", StringComparison.Ordinal), TextFiles.Iconv(output, form).Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void OriginalBytesAreSplicedNotReencoded()
    {
        // Mixed line endings and trailing spaces would not survive a normalizing rewrite.
        const string messy = "第一行  \r\n第二行\n\t第三行 \r\n";
        var input = TextFiles.Write(_folder, "messy.txt", messy);
        var output = _folder.File("marked.txt");

        TextFiles.Mark(input, output, MarkPosition.Both);

        Assert.Equal("由AI生成\r\n" + messy + "由AI生成\r\n", File.ReadAllText(output));
    }

    [Theory]
    [InlineData("a.txt", "一行\n二行", "一行\n二行\n由AI生成")]
    [InlineData("a.md", "# 标题\n\n**正文**", "# 标题\n\n**正文**\n\n> 由AI生成")]
    [InlineData("b.md", "# 标题\n\n**正文**\n\n\n", "# 标题\n\n**正文**\n\n\n> 由AI生成\n")]
    public void EndNoticeKeepsTheFilesChoiceOfFinalLineBreak(string name, string text, string expected)
    {
        var input = TextFiles.Write(_folder, name, text);

        TextFiles.Mark(input, _folder.File("marked-" + name), MarkPosition.End);

        Assert.Equal(expected, File.ReadAllText(_folder.File("marked-" + name)));
    }

    [Theory]
    [InlineData(MarkPosition.Start)]
    [InlineData(MarkPosition.End)]
    [InlineData(MarkPosition.Both)]
    public void MarkingAMarkedTextAgainAddsNothing(MarkPosition position)
    {
        var input = TextFiles.Write(_folder, "readme.md", Readme);
        TextFiles.Mark(input, _folder.File("once.md"), position);

        var again = TextFiles.Mark(_folder.File("once.md"), _folder.File("twice.md"), position, "人工智能合成内容");

        Assert.Equal(File.ReadAllBytes(_folder.File("once.md")), File.ReadAllBytes(_folder.File("twice.md")));
        Assert.Contains(again.Checks, c => c.Contains("already carries a conforming notice", StringComparison.Ordinal));
    }

    [Fact]
    public void AnExistingNoticeCountsOnlyWhereItIs()
    {
        var input = TextFiles.Write(_folder, "story.txt", "本文由人工智能生成。\n" + Story);

        var result = TextFiles.Mark(input, _folder.File("marked.txt"), MarkPosition.Both);

        Assert.Equal("本文由人工智能生成。\n" + Story + "由AI生成\n", File.ReadAllText(_folder.File("marked.txt")));
        Assert.Contains(result.Checks, c => c.StartsWith("start already carries", StringComparison.Ordinal));
        Assert.Contains(result.Checks, c => c.StartsWith("notice at end, line 4", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("机器写的")]
    [InlineData("本文由机器生成")]
    [InlineData("AI 辅助创作")]
    [InlineData("由AI\n生成")]
    public void ANoticeWithoutBothElementsIsRefusedAndNothingIsWritten(string notice)
    {
        var input = TextFiles.Write(_folder, "story.txt", Story);

        var refused = Assert.Throws<MarkingException>(() => TextFiles.Mark(input, _folder.File("marked.txt"), notice: notice));

        Assert.Contains(notice.Contains('\n') ? "one line" : "must contain", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["story.txt"], _folder.Leftovers());
        Assert.Equal(Story, File.ReadAllText(input));
    }

    [Fact]
    public void ImagePositionsAreRefusedForText()
    {
        var input = TextFiles.Write(_folder, "story.txt", Story);

        var refused = Assert.Throws<MarkingException>(() => TextFiles.Mark(input, _folder.File("marked.txt"), MarkPosition.TopLeft));

        Assert.Contains("TopLeft", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["story.txt"], _folder.Leftovers());
    }

    [Fact]
    public void InvalidBytesPastTheDetectedHeadAreRefused()
    {
        var input = _folder.File("broken.txt");
        File.WriteAllBytes(input, [.. Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("正文。\n", 2000))), 0xC3, 0x28, (byte)'\n']);

        var refused = Assert.Throws<MarkingException>(() => TextFiles.Mark(input, _folder.File("marked.txt")));

        Assert.Contains("not valid UTF-8", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["broken.txt"], _folder.Leftovers());
    }
}
