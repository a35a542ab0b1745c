using System.Security.Cryptography;
using Qinglang.Labels.Carriers;
using Qinglang.Labels.Explicit;
using Qinglang.Labels.Inspection;
using Qinglang.Labels.Signing;
using Qinglang.Labels.Tests.Support;
using Qinglang.Labels.Writing;

namespace Qinglang.Labels.Tests.Explicit;

/// <summary>The writer end to end: an output only on success, the input never touched, the implicit label carried over.</summary>
public sealed class ExplicitMarkWriterTests : IDisposable
{
    private const string Post = "---\nauthor: Li\n---\n# 标题\n\nSome **bold** prose with a [link](https://example.org).\n";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void TextMarkerComesFirstInTheDefaultCatalog() =>
        Assert.Equal("text", ExplicitMarkWriter.Default.Markers[0].Media);

    [Fact]
    public async Task SuccessWritesOnlyTheOutputAndCarriesTheSignedLabel()
    {
        var key = Sm2KeyPair.Generate();
        var input = TextFiles.Write(_folder, "post.md", Post);
        Conformance.Writer.Write(input, null, new LabelRequest { Label = "1", ContentProducer = Conformance.Producer, ProduceID = "gen-9", SigningKey = key });
        var before = SHA256.HashData(File.ReadAllBytes(input));
        var labelBefore = Conformance.Inspector.Inspect(input).Label;

        var result = await ExplicitMarkWriter.Default.MarkAsync(input, _folder.File("out.md"), new MarkOptions { Position = MarkPosition.End });

        Assert.Equal(MarkPosition.End, result.Position);
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(input)));
        Assert.Equal(["out.md", "post.md"], _folder.Leftovers().Order(StringComparer.Ordinal));
        var report = new LabelInspector(CarrierRegistry.Default, [key]).Inspect(_folder.File("out.md"));
        Assert.True(report.IsValid, string.Join("; ", report.Problems));
        Assert.Equal(labelBefore, report.Label);
        Assert.Equal(SignatureStatus.Trusted, Assert.Single(report.Signatures).Status);
        Assert.EndsWith("\n> 由AI生成\n", File.ReadAllText(_folder.File("out.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailureLeavesAnExistingOutputAndNoTemporaryFile()
    {
        var input = TextFiles.Write(_folder, "post.md", Post);
        var output = TextFiles.Write(_folder, "out.md", "earlier output");

        await Assert.ThrowsAsync<MarkingException>(() => ExplicitMarkWriter.Default.MarkAsync(input, output, new MarkOptions { Text = "机器生成" }));

        Assert.Equal("earlier output", File.ReadAllText(output));
        Assert.Equal(["out.md", "post.md"], _folder.Leftovers().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task TheOutputMustBeANewFile()
    {
        var input = TextFiles.Write(_folder, "post.md", Post);

        var refused = await Assert.ThrowsAsync<MarkingException>(() => ExplicitMarkWriter.Default.MarkAsync(input, input, new MarkOptions()));

        Assert.Contains("new file", refused.Message, StringComparison.Ordinal);
        Assert.Equal(Post, File.ReadAllText(input));
    }

    [Fact]
    public async Task ContentOfNoKnownFormatIsRefused()
    {
        var input = _folder.File("noise.bin");
        File.WriteAllBytes(input, [0x00, 0x01, 0x02, 0xFF, 0x00, 0x10, 0x20, 0x7F]);

        await Assert.ThrowsAsync<MarkingException>(() => ExplicitMarkWriter.Default.MarkAsync(input, _folder.File("out.bin"), new MarkOptions()));

        Assert.Equal(["noise.bin"], _folder.Leftovers());
    }
}
