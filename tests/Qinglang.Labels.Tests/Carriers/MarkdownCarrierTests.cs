using System.Text;
using Qinglang.Labels.Carriers.Markdown;
using Qinglang.Labels.Tests.Support;
using Qinglang.Labels.Writing;
using YamlDotNet.RepresentationModel;

namespace Qinglang.Labels.Tests.Carriers;

public sealed class MarkdownCarrierTests : IDisposable
{
    private const string Readme = "# Project title\n\nSome **important** prose with a [link](https://example.org/page).\n\n- first item\n- second item\n\n```sh\nmake test\n```\n";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void RoundTripWithoutFrontMatterCreatesOneAndKeepsTheBody()
    {
        var path = Write("readme.md", Readme);
        var labeled = Conformance.RoundTrip(path, "markdown", Checks.None);

        var bytes = File.ReadAllBytes(labeled);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.StartsWith("---\nAIGC:\n  Label: \"1\"\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\n---\n" + Readme, text, StringComparison.Ordinal);
        var aigc = YamlLabel(labeled);
        Assert.Equal("1", aigc["Label"]);
        Assert.Equal(Conformance.Producer, aigc["ContentProducer"]);
        Assert.Equal("post-0002", aigc["PropagateID"]);
        Assert.Equal(7, aigc.Count);
    }

    [Fact]
    public void OtherFrontMatterKeysAndBodyAreKeptByteForByte()
    {
        const string frontMatter = "---\ntitle: \"A post\"   # trailing comment\ntags:\n  - ai\n  - notes\ndate: 2025-09-01\n---\n";
        var path = Write("post.md", frontMatter + "Body text with *emphasis*.\n");
        var labeled = Conformance.RoundTrip(path, "markdown", Checks.None);

        var text = File.ReadAllText(labeled);
        Assert.StartsWith("---\ntitle: \"A post\"   # trailing comment\ntags:\n  - ai\n  - notes\ndate: 2025-09-01\nAIGC:\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\n---\nBody text with *emphasis*.\n", text, StringComparison.Ordinal);
        var document = YamlRoot(labeled);
        Assert.Equal("A post", ((YamlScalarNode)document["title"]).Value);
        Assert.Equal(2, ((YamlSequenceNode)document["tags"]).Children.Count);
        Assert.Equal("post-0002", YamlLabel(labeled)["PropagateID"]);
    }

    [Fact]
    public void CrlfLineEndingsAndBomAreKept()
    {
        var body = "# Title\r\n\r\nSee [the spec](spec.md) and **notes**.\r\n";
        var path = _folder.File("windows.md");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("---\r\nauthor: Li\r\n---\r\n" + body)]);
        var labeled = Conformance.RoundTrip(path, "markdown", Checks.None);

        var bytes = File.ReadAllBytes(labeled);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.NotEqual(0xEF, bytes[3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.DoesNotContain("\n", text.Replace("\r\n", ""), StringComparison.Ordinal);
        Assert.StartsWith("---\r\nauthor: Li\r\nAIGC:\r\n  Label: \"1\"\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith("---\r\n" + body, text, StringComparison.Ordinal);
        Assert.Equal("Li", ((YamlScalarNode)YamlRoot(labeled)["author"]).Value);
        Assert.Equal(Conformance.Producer, YamlLabel(labeled)["ContentProducer"]);
    }

    [Fact]
    public void BomWithoutFrontMatterStaysFirst()
    {
        var path = _folder.File("bom.md");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Readme)]);
        var labeled = Conformance.RoundTrip(path, "markdown", Checks.None);

        var bytes = File.ReadAllBytes(labeled);
        Assert.Equal([0xEF, 0xBB, 0xBF, (byte)'-', (byte)'-', (byte)'-', (byte)'\n'], bytes[..7]);
        Assert.EndsWith("\n---\n" + Readme, Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.Equal("gen-0001", YamlLabel(labeled)["ProduceID"]);
    }

    [Fact]
    public void ExistingBlockLabelIsReplacedInPlace()
    {
        var path = Write("old.md", "---\ntitle: t\nAIGC:\n  Label: \"2\"\n  ContentProducer: \"old\"\n  ProduceID: \"o1\"\n\nlayout: post\n---\n" + Readme);
        var report = Conformance.Inspector.Inspect(path);
        Assert.Equal("yaml-front-matter", Assert.Single(report.Sites).Kind);
        Assert.Equal("old", report.Label!.ContentProducer);

        Conformance.Writer.Write(path, null, new LabelRequest { Label = "1", ContentProducer = Conformance.Producer, ProduceID = "new" });
        var text = File.ReadAllText(path);
        Assert.StartsWith("---\ntitle: t\nAIGC:\n  Label: \"1\"\n", text, StringComparison.Ordinal);
        Assert.Contains("  ReservedCode2: \"\"\n\nlayout: post\n---\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("old", text, StringComparison.Ordinal);
        Assert.Equal("new", YamlLabel(path)["ProduceID"]);
        Assert.Equal("post", ((YamlScalarNode)YamlRoot(path)["layout"]).Value);
    }

    [Theory]
    [InlineData("AIGC: {Label: \"1\", ContentProducer: vendor, ProduceID: 'v''1'}", "v'1", null)]
    [InlineData("AIGC: {\"Label\":\"1\",\"ContentProducer\":\"vendor\",\"ProduceID\":\"v1\"}", "v1", null)]
    [InlineData("AIGC: '{\"Label\":\"1\",\"ContentProducer\":\"vendor\",\"ProduceID\":\"v1\"}'", "v1", "label.form")]
    [InlineData("tc260:aigc:\n  label: 1\n  ContentProducer: \"vendor\"\n  ProduceID: \"v\\x31\"", "v1", "label.element_case")]
    public void AlternativeFormsAreReadAndReplacedByOneMapping(string site, string produceId, string? expectedProblem)
    {
        var path = Write("alt.md", "---\n" + site + "\n---\n" + Readme);
        var report = Conformance.Inspector.Inspect(path);
        Assert.Single(report.Sites);
        Assert.Equal("vendor", report.Label!.ContentProducer);
        Assert.Equal(produceId, report.Label.ProduceID);
        if (expectedProblem is not null)
        {
            Assert.Contains(report.Problems, p => p.Code == expectedProblem);
        }

        Conformance.Writer.Write(path, null, new LabelRequest { ContentPropagator = Conformance.Propagator, PropagateID = "p1" });
        var after = YamlLabel(path);
        Assert.Equal("vendor", after["ContentProducer"]);
        Assert.Equal(produceId, after["ProduceID"]);
        Assert.Single(Conformance.Inspector.Inspect(path).Sites);
        Assert.Single(YamlRoot(path).Children);
    }

    [Fact]
    public void TwoLabelKeysAreReportedAsDuplicateAndWritingLeavesOne()
    {
        var path = Write("two.md", "---\nAIGC:\n  Label: \"1\"\n  ContentProducer: a\n  ProduceID: a1\naigc: '{\"Label\":\"2\"}'\n---\n" + Readme);
        var report = Conformance.Inspector.Inspect(path);
        Assert.Equal(2, report.Sites.Count);
        Assert.Contains(report.Problems, p => p.Code == "label.duplicate");

        Conformance.Writer.Write(path, null, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "one" });
        Assert.Single(Conformance.Inspector.Inspect(path).Sites);
        Assert.Single(YamlRoot(path).Children);
    }

    [Fact]
    public void ValuesAreQuotedSoYamlReadsThemBack()
    {
        var path = Write("quote.md", Readme);
        Conformance.Writer.Write(path, null, new LabelRequest { Label = "1", ContentProducer = Conformance.Producer, ProduceID = "id\"with#quote:colon" });
        Assert.Equal("id\"with#quote:colon", YamlLabel(path)["ProduceID"]);
        Assert.Equal("id\"with#quote:colon", Conformance.Inspector.Inspect(path).Label!.ProduceID);
    }

    [Theory]
    [InlineData("plain.txt", "This is just prose. It has sentences, and a list of thoughts - but no markup.\nAnother line of text.\n")]
    [InlineData("config.yaml", "# Settings\nname: demo\nitems:\n  - a\n  - b\nurl: \"[x](y)\"\n")]
    [InlineData("script.py", "#!/usr/bin/env python3\n# Tool\n\nprint('**x**')\n")]
    [InlineData("run.sh", "# Build step\n\nmake all\n\n# Test step\n\n- not a list\nmake test\n")]
    [InlineData("settings.ini", "# Main\n\n[server]\nport = 8080\nhost = example\n\n# Other\n\n- x\n")]
    [InlineData("list.txt", "# Shopping\n\n- milk\n- bread\n")]
    public void NonMarkdownTextIsNotClaimed(string name, string content)
    {
        var path = Write(name, content);
        Assert.False(new MarkdownCarrier().Detect(File.ReadAllBytes(path)));
        Assert.Equal("text", Conformance.Inspector.Inspect(path).Format);
    }

    [Fact]
    public void TomlFrontMatterIsRefusedNotBroken()
    {
        var path = Write("hugo.md", "+++\ntitle = \"Post\"\n+++\n" + Readme);
        var output = _folder.File("hugo-labeled.md");
        var ex = Assert.Throws<LabelingException>(() => Conformance.Writer.Write(path, output, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "t" }));
        Assert.Contains("TOML", ex.Message);
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("# Changelog\n\n## 1.0.0\n\n- Added labels\n- Fixed a crash\n")]
    [InlineData("Title\n=====\n\nSome text and a [link](http://example.org).\n")]
    [InlineData("Notes with `inline code` here.\n\n> a quoted remark\n")]
    public void MarkdownStructureIsRecognised(string content)
    {
        var path = Write("doc.txt", content);
        Assert.Equal("markdown", Conformance.Inspector.Inspect(path).Format);
    }

    [Fact]
    public void FrontMatterAloneMakesMarkdown()
    {
        var path = Write("notes.txt", "---\ntitle: Notes\n---\nJust prose follows here.\n");
        Assert.Equal("markdown", Conformance.Inspector.Inspect(path).Format);
    }

    [Fact]
    public void CorruptedCopiesNeverCrashOrWriteHalfFiles()
    {
        Corruption.Fuzz(Write("fuzz.md", Readme));
        Corruption.Fuzz(Write("fuzz-fm.md", "---\ntitle: x\nAIGC:\n  Label: \"1\"\n  ContentProducer: \"p\"\n  ProduceID: \"q\"\n---\n" + Readme), seed: 7);
    }

    private string Write(string name, string content)
    {
        var path = _folder.File(name);
        File.WriteAllText(path, content, new UTF8Encoding(false));
        return path;
    }

    /// <summary>The front matter as YamlDotNet (an independent YAML parser) reads it.</summary>
    private static YamlMappingNode YamlRoot(string path)
    {
        var text = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.StartsWith("---\n", text, StringComparison.Ordinal);
        var end = text.IndexOf("\n---\n", 3, StringComparison.Ordinal);
        var stream = new YamlStream();
        stream.Load(new StringReader(text[4..(end + 1)]));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static Dictionary<string, string> YamlLabel(string path) =>
        ((YamlMappingNode)YamlRoot(path)["AIGC"]).Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ((YamlScalarNode)p.Value).Value!);
}
