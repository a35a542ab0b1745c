using System.Text.Json;
using Qinglang.Labels.Tests.Support;

namespace Qinglang.Labels.Tests.Explicit;

/// <summary><c>qinglang mark</c> on text and <c>qinglang check-mark</c>, run as the real command.</summary>
public sealed class MarkTextCliTests : IDisposable
{
    private const string Post = "# 标题\n\nSome **bold** prose with a [link](https://example.org).\n";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void MarkWritesTheNoticeAndKeepsTheLabel()
    {
        var input = TextFiles.Write(_folder, "post.md", Post);
        CliProcess.Run("label", input, "--producer", Conformance.Producer, "--produce-id", "g1").EnsureSuccess("label");
        var output = _folder.File("marked.md");

        var result = CliProcess.Run("mark", input, "-o", output, "--text", "本文由人工智能生成", "--position", "both");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("已添加显式标识", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("notice at end", result.Stdout, StringComparison.Ordinal);
        var text = File.ReadAllText(output);
        Assert.Contains("---\n> 本文由人工智能生成\n\n# 标题\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\n\n> 本文由人工智能生成\n", text, StringComparison.Ordinal);
        Assert.Equal(0, CliProcess.Run("inspect", output).ExitCode);
        Assert.Equal(0, CliProcess.Run("check-mark", output).ExitCode);
    }

    [Fact]
    public void MarkRefusesANoticeWithoutAnAiElementAndWritesNothing()
    {
        var input = TextFiles.Write(_folder, "story.txt", "今天天气晴。\n");

        var result = CliProcess.Run("mark", input, "-o", _folder.File("marked.txt"), "--text", "本文由机器生成");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("人工智能 or AI", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(["story.txt"], _folder.Leftovers());
        Assert.Equal(2, CliProcess.Run("mark", _folder.File("absent.txt"), "-o", _folder.File("x.txt")).ExitCode);
    }

    [Fact]
    public void CheckMarkJsonHasTheDocumentedShape()
    {
        var marked = TextFiles.Write(_folder, "marked.txt", "由AI生成\n正文。\n");
        var bare = TextFiles.Write(_folder, "bare.txt", "正文。\n");

        var result = CliProcess.Run("check-mark", marked, bare, "--json");

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var (good, bad) = (json.RootElement[0], json.RootElement[1]);
        Assert.Equal(marked, good.GetProperty("path").GetString());
        Assert.Equal("text", good.GetProperty("format").GetString());
        Assert.True(good.GetProperty("conforming").GetBoolean());
        var notice = Assert.Single(good.GetProperty("notices").EnumerateArray().ToList());
        Assert.Equal("start", notice.GetProperty("position").GetString());
        Assert.Equal(1, notice.GetProperty("line").GetInt32());
        Assert.Equal(0, notice.GetProperty("offset").GetInt32());
        Assert.Equal("由AI生成", notice.GetProperty("text").GetString());
        Assert.Equal(["AI", "生成"], notice.GetProperty("elements").EnumerateArray().Select(e => e.GetString()));
        Assert.False(bad.GetProperty("conforming").GetBoolean());
        var problem = Assert.Single(bad.GetProperty("problems").EnumerateArray().ToList());
        Assert.Equal("notice.missing", problem.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("message").GetString()));
    }

    [Fact]
    public void CheckMarkExitCodesAndFolders()
    {
        var folder = Directory.CreateDirectory(_folder.File("posts")).FullName;
        File.WriteAllText(Path.Combine(folder, "a.txt"), "由AI生成\n正文。\n");
        File.WriteAllText(Path.Combine(folder, "b.md"), Post + "\n> 人工智能合成内容\n");

        var table = CliProcess.Run("check-mark", folder);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("2 file(s): 2 conforming", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("notice 标识   end, line 5: 人工智能合成内容", table.Stdout, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(folder, "c.txt"), "正文。\n");
        var some = CliProcess.Run("check-mark", folder);
        Assert.Equal(1, some.ExitCode);
        Assert.Contains("notice.missing", some.Stdout, StringComparison.Ordinal);

        File.WriteAllBytes(Path.Combine(folder, "d.bin"), [0, 1, 2, 0xFF]);
        Assert.Equal(2, CliProcess.Run("check-mark", folder).ExitCode);
        Assert.Equal(2, CliProcess.Run("check-mark", _folder.File("absent.md")).ExitCode);
    }
}
