using System.Text;
using Markdig;
using Qinglang.Labels.Explicit;
using Qinglang.Labels.Tests.Support;
using Qinglang.Labels.Writing;
using YamlDotNet.RepresentationModel;

namespace Qinglang.Labels.Tests.Explicit;

/// <summary>
/// Markdown whose front matter holds the implicit label: the notice goes after it, the front matter stays valid YAML
/// with one label, and a Markdown renderer (Markdig) shows the notice as its own quote and hides the front matter.
/// </summary>
public sealed class MarkdownNoticeTests : IDisposable
{
    private const string Post = "---\ntitle: \"A post\"\ntags:\n  - ai\n---\n# 标题\n\nSome **bold** prose with a [link](https://example.org).\n\n- item\n";

    private static readonly MarkdownPipeline Renderer = new MarkdownPipelineBuilder().UseYamlFrontMatter().Build();

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void LabeledFrontMatterStaysValidAndSingleAfterMarking(string newLine)
    {
        var input = TextFiles.Write(_folder, "post.md", Post.Replace("\n", newLine, StringComparison.Ordinal));
        Conformance.Writer.Write(input, null, new LabelRequest { Label = "1", ContentProducer = Conformance.Producer, ProduceID = "gen-1" });
        var labeled = File.ReadAllText(input);
        var output = _folder.File("marked.md");

        TextFiles.Mark(input, output, MarkPosition.Both);

        var marked = File.ReadAllText(output);
        var frontMatterEnd = labeled.IndexOf(newLine + "---" + newLine, StringComparison.Ordinal) + newLine.Length + 3 + newLine.Length;
        Assert.Equal(labeled[..frontMatterEnd] + "> 由AI生成" + newLine + newLine + labeled[frontMatterEnd..] + newLine + "> 由AI生成" + newLine, marked);

        var report = Conformance.Inspector.Inspect(output);
        Assert.True(report.IsValid, string.Join("; ", report.Problems));
        Assert.Single(report.Sites);
        Assert.Equal("gen-1", report.Label!.ProduceID);

        var yaml = FrontMatter(marked);
        Assert.Equal("A post", ((YamlScalarNode)yaml["title"]).Value);
        Assert.Equal("1", ((YamlScalarNode)((YamlMappingNode)yaml["AIGC"])["Label"]).Value);

        var html = Markdown.ToHtml(marked, Renderer).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.StartsWith("<blockquote>\n<p>由AI生成</p>\n</blockquote>\n<h1", html, StringComparison.Ordinal);
        Assert.EndsWith("<blockquote>\n<p>由AI生成</p>\n</blockquote>\n", html, StringComparison.Ordinal);
        Assert.DoesNotContain("AIGC", html, StringComparison.Ordinal);
    }

    [Fact]
    public void BomAndTomlFrontMatterStayFirst()
    {
        const string toml = "+++\r\ntitle = \"Hugo\"\r\n+++\r\n# 标题\r\n\r\nSee [docs](docs.md) and **notes**.\r\n";
        var input = TextFiles.Write(_folder, "hugo.md", toml, "utf-8-bom");
        var output = _folder.File("marked.md");

        TextFiles.Mark(input, output);

        var bytes = File.ReadAllBytes(output);
        Assert.Equal([0xEF, 0xBB, 0xBF, (byte)'+'], bytes[..4]);
        Assert.StartsWith("+++\r\ntitle = \"Hugo\"\r\n+++\r\n> 由AI生成\r\n\r\n# 标题\r\n", Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3), StringComparison.Ordinal);
    }

    [Fact]
    public void FrontMatterClosedAtTheEndOfTheFileGetsALineBreakFirst()
    {
        var input = TextFiles.Write(_folder, "bare.md", "---\ntitle: x\n---");
        var output = _folder.File("marked.md");

        TextFiles.Mark(input, output, MarkPosition.Both);

        Assert.Equal("---\ntitle: x\n---\n> 由AI生成\n\n", File.ReadAllText(output));
        Assert.Equal("x", ((YamlScalarNode)FrontMatter(File.ReadAllText(output))["title"]).Value);
    }

    private static YamlMappingNode FrontMatter(string markdown)
    {
        var text = markdown.Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.StartsWith("---\n", text, StringComparison.Ordinal);
        var end = text.IndexOf("\n---\n", 3, StringComparison.Ordinal);
        var stream = new YamlStream();
        stream.Load(new StringReader(text[4..(end + 1)]));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}
