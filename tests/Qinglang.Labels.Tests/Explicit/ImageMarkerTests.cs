using Qinglang.Labels.Explicit;
using Qinglang.Labels.Tests.Support;
using Qinglang.Labels.Writing;

namespace Qinglang.Labels.Tests.Explicit;

public sealed class ImageMarkerTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Make(string name, string source = "testsrc=size=320x240", params string[] encoding) =>
        Tool.Ffmpeg(_folder.File(name), ["-f", "lavfi", "-i", source, "-frames:v", "1", .. encoding]);

    private static Task<MarkResult> Mark(string input, string output, MarkOptions? options = null) =>
        ExplicitMarkWriter.Default.MarkAsync(input, output, options ?? new MarkOptions());

    [Theory]
    [InlineData(MarkPosition.BottomRight)]
    [InlineData(MarkPosition.BottomLeft)]
    [InlineData(MarkPosition.TopRight)]
    [InlineData(MarkPosition.TopLeft)]
    [InlineData(MarkPosition.Bottom)]
    [InlineData(MarkPosition.Top)]
    public async Task CaptionGoesWhereAskedAndIsTallEnough(MarkPosition position)
    {
        var input = Make("in.png");
        var output = _folder.File("out.png");
        var result = await Mark(input, output, new MarkOptions { Position = position });

        Assert.Equal(("image", position), (result.Media, result.Position));
        Assert.Contains(result.Checks, c => c.Contains("pixels changed only in", StringComparison.Ordinal));
        Assert.Equal((320, 240), (Decoded.Probe(output).Width, Decoded.Probe(output).Height));
        Decoded.AssertPlaced(Decoded.Changed(Decoded.Luma(input), Decoded.Luma(output), 320), position, 320, 240);
    }

    [Fact]
    public async Task DefaultPositionIsBottomRight()
    {
        var result = await Mark(Make("in.png"), _folder.File("out.png"));
        Assert.Equal(MarkPosition.BottomRight, result.Position);
    }

    [Theory]
    [InlineData("white")]
    [InlineData("black")]
    public async Task CaptionIsLegibleOnPlainBackgrounds(string colour)
    {
        var input = Make("plain.png", $"color=c={colour}:size=320x240");
        var output = _folder.File("out.png");
        await Mark(input, output);

        var after = Decoded.Luma(output);
        var box = Decoded.Changed(Decoded.Luma(input), after, 320);
        Decoded.AssertPlaced(box, MarkPosition.BottomRight, 320, 240);
        var (darkest, brightest) = Decoded.Range(after, 320, box!);
        Assert.True(brightest - darkest >= 150, $"on {colour} the caption spans only luma {darkest}–{brightest}");
    }

    [Theory]
    [InlineData("in.png", "png", new string[0])]
    [InlineData("in.jpg", "jpeg", new[] { "-q:v", "3" })]
    [InlineData("in.webp", "webp", new[] { "-c:v", "libwebp", "-quality", "80" })]
    [InlineData("lossless.webp", "webp", new[] { "-c:v", "libwebp", "-lossless", "1" })]
    [InlineData("in.tiff", "tiff", new string[0])]
    [InlineData("in.gif", "gif", new string[0])]
    [InlineData("in.avif", "avif", new[] { "-c:v", "libaom-av1", "-still-picture", "1", "-cpu-used", "8" })]
    public async Task EveryFormatKeepsItsSizeItsFormatAndItsImplicitLabel(string name, string format, string[] encoding)
    {
        var input = Make(name, "testsrc=size=320x240", encoding);
        var labeled = _folder.File("labeled-" + name);
        Conformance.Writer.Write(input, labeled, new LabelRequest { Label = "1", ContentProducer = Conformance.Producer, ProduceID = "gen-7" });
        var output = _folder.File("marked-" + name);

        var result = await Mark(labeled, output);

        Assert.Equal("image", result.Media);
        var report = Conformance.Inspector.Inspect(output);
        Assert.True(report.IsValid, Conformance.Describe(report));
        Assert.Equal(format, report.Format);
        Assert.Equal("gen-7", report.Label!.ProduceID);
        var probe = Decoded.Probe(output);
        Assert.Equal((320, 240), (probe.Width, probe.Height));
        Decoded.AssertPlaced(Decoded.Changed(Decoded.Luma(labeled), Decoded.Luma(output), 320), MarkPosition.BottomRight, 320, 240);
        Assert.Empty(_folder.Leftovers(name, "labeled-" + name, "marked-" + name));
    }

    [Fact]
    public async Task AnimatedGifKeepsEveryFrame()
    {
        var input = Tool.Ffmpeg(_folder.File("anim.gif"), "-f", "lavfi", "-i", "testsrc=size=200x150:rate=10:duration=1.2");
        var output = _folder.File("out.gif");
        var result = await Mark(input, output, new MarkOptions { Position = MarkPosition.TopLeft });

        Assert.Contains(result.Checks, c => c.Contains("12 frames", StringComparison.Ordinal));
        Assert.Equal(12, Decoded.Probe(output, countFrames: true).Frames);
        Decoded.AssertPlaced(Decoded.Changed(Decoded.Luma(input), Decoded.Luma(output), 200), MarkPosition.TopLeft, 200, 150);
        Decoded.AssertPlaced(Decoded.Changed(Decoded.Luma(input, 1.0), Decoded.Luma(output, 1.0), 200), MarkPosition.TopLeft, 200, 150);
    }

    [Fact]
    public async Task HeicIsRefusedWithTheReasonAndNothingWritten()
    {
        var png = Make("in.png");
        var heic = _folder.File("in.heic");
        Tool.Run("heif-enc", "-q", "80", png, "-o", heic).EnsureSuccess("heif-enc");
        var output = _folder.File("out.heic");

        var ex = await Assert.ThrowsAsync<MarkingException>(() => Mark(heic, output));
        Assert.Contains("HEIF", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_folder.Leftovers("in.png", "in.heic"));
    }

    [Fact]
    public async Task UndecodablePictureIsReportedAndNothingWritten()
    {
        var input = Make("in.png");
        PngWithGarbageImageData(input);
        var before = File.ReadAllBytes(input);
        var output = _folder.File("out.png");

        var ex = await Assert.ThrowsAsync<MarkingException>(() => Mark(input, output));
        Assert.Contains("ffmpeg", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_folder.Leftovers("in.png"));
        Assert.Equal(before, File.ReadAllBytes(input));
    }

    [Fact]
    public async Task NoticeTooWideForThePictureIsRefused()
    {
        var input = Make("narrow.png", "testsrc=size=120x400");
        var ex = await Assert.ThrowsAsync<MarkingException>(() => Mark(input, _folder.File("out.png"), new MarkOptions { Text = "本图片内容由人工智能生成合成，请注意甄别" }));
        Assert.Contains("does not fit", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_folder.Leftovers("narrow.png"));
    }

    [Fact]
    public async Task MissingFontFileIsReported()
    {
        var ex = await Assert.ThrowsAsync<MarkingException>(() => Mark(Make("in.png"), _folder.File("out.png"), new MarkOptions { FontFile = _folder.File("none.ttf") }));
        Assert.Contains("none.ttf", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TallerPictureGetsATallerCaption()
    {
        var input = Make("big.png", "testsrc=size=1280x720");
        var output = _folder.File("out.png");
        await Mark(input, output);
        var box = Decoded.Changed(Decoded.Luma(input), Decoded.Luma(output), 1280);
        Decoded.AssertPlaced(box, MarkPosition.BottomRight, 1280, 720);
        Assert.True(box!.Height >= 36, $"{box.Height} px on a 720 px picture");
    }

    /// <summary>Keeps the PNG's chunk structure and CRCs valid but makes its zlib stream garbage.</summary>
    private static void PngWithGarbageImageData(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var at = Bytes.IndexOf(bytes, "IDAT");
        var length = (bytes[at - 4] << 24) | (bytes[at - 3] << 16) | (bytes[at - 2] << 8) | bytes[at - 1];
        new Random(7).NextBytes(bytes.AsSpan(at + 4, length));
        var crc = Crc32(bytes.AsSpan(at, length + 4));
        bytes[at + 4 + length] = (byte)(crc >> 24);
        bytes[at + 5 + length] = (byte)(crc >> 16);
        bytes[at + 6 + length] = (byte)(crc >> 8);
        bytes[at + 7 + length] = (byte)crc;
        File.WriteAllBytes(path, bytes);
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
