using System.Text;
using Qinglang.Labels.Carriers.Riff;
using Qinglang.Labels.Tests.Support;
using Qinglang.Labels.Writing;

namespace Qinglang.Labels.Tests.Carriers;

public sealed class WebPCarrierTests : IDisposable
{
    private const string Transparent = "testsrc=size=64x48,format=rgba,geq=r='r(X,Y)':g='g(X,Y)':b='b(X,Y)':a='X*4'";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string MakeLossy(string name = "lossy.webp") =>
        Tool.Ffmpeg(_folder.File(name), "-f", "lavfi", "-i", "testsrc=size=64x48", "-frames:v", "1", "-c:v", "libwebp");

    private string MakeLossless(string name = "lossless.webp", string source = "testsrc=size=64x48") =>
        Tool.Ffmpeg(_folder.File(name), "-f", "lavfi", "-i", source, "-frames:v", "1", "-c:v", "libwebp", "-lossless", "1");

    private static List<string> Ids(string path) => [.. RiffTestChunks.Children(File.ReadAllBytes(path)).Select(c => c.Id)];

    [Fact]
    public void LossyRoundTripIsSeenByExiftoolAndDecodesIdentically() =>
        Conformance.RoundTrip(MakeLossy(), "webp", Checks.Exiftool | Checks.Decode);

    [Fact]
    public void LosslessRoundTripIsSeenByExiftoolAndDecodesIdentically() =>
        Conformance.RoundTrip(MakeLossless(), "webp", Checks.Exiftool | Checks.Decode);

    [Fact]
    public void SimpleLossyIsPromotedToExtendedWithTheRightCanvas()
    {
        var webp = MakeLossy();
        Assert.Equal(["VP8 "], Ids(webp));
        var labeled = Conformance.RoundTrip(webp, "webp", Checks.Exiftool | Checks.Decode);

        Assert.Equal(["VP8X", "VP8 ", "XMP "], Ids(labeled));
        var bytes = File.ReadAllBytes(labeled);
        var vp8x = RiffTestChunks.Data(bytes, RiffTestChunks.Children(bytes)[0]);
        Assert.Equal(0x04, vp8x[0]); // XMP flag only: no alpha, ICC, EXIF or animation
        var tags = RiffTestChunks.ExiftoolTags(labeled, "-ImageWidth", "-ImageHeight");
        Assert.Equal(64, tags.GetProperty("ImageWidth").GetInt32());
        Assert.Equal(48, tags.GetProperty("ImageHeight").GetInt32());
        var probe = Tool.Run("ffprobe", "-v", "error", "-show_entries", "stream=width,height", "-of", "csv=p=0", labeled).EnsureSuccess("ffprobe").Stdout.Trim();
        Assert.Equal("64,48", probe);

        // The image chunk is carried over byte for byte.
        var original = File.ReadAllBytes(webp);
        Assert.Equal(original[12..], bytes[(12 + 18)..(12 + 18 + original.Length - 12)]);
    }

    [Fact]
    public void LosslessAlphaHintSetsTheVp8xAlphaFlag()
    {
        var webp = MakeLossless("alpha.webp", Transparent);
        var labeled = Conformance.RoundTrip(webp, "webp", Checks.Exiftool | Checks.Decode);
        var bytes = File.ReadAllBytes(labeled);
        var chunks = RiffTestChunks.Children(bytes);
        Assert.Equal(["VP8X", "VP8L", "XMP "], chunks.Select(c => c.Id));
        Assert.Equal(0x04 | 0x10, RiffTestChunks.Data(bytes, chunks[0])[0]);
    }

    [Fact]
    public void ExtendedLossyWithAlphaKeepsItsFlagsAndChunks()
    {
        var webp = Tool.Ffmpeg(_folder.File("alph.webp"), "-f", "lavfi", "-i", Transparent, "-frames:v", "1", "-c:v", "libwebp");
        Assert.Equal(["VP8X", "ALPH", "VP8 "], Ids(webp));
        var labeled = Conformance.RoundTrip(webp, "webp", Checks.Exiftool | Checks.Decode);
        var bytes = File.ReadAllBytes(labeled);
        var chunks = RiffTestChunks.Children(bytes);
        Assert.Equal(["VP8X", "ALPH", "VP8 ", "XMP "], chunks.Select(c => c.Id));
        Assert.Equal(0x10 | 0x04, RiffTestChunks.Data(bytes, chunks[0])[0]);
    }

    [Fact]
    public void AnimatedWebPKeepsItsFramesAndGetsXmpLast()
    {
        var webp = Tool.Ffmpeg(_folder.File("anim.webp"), "-f", "lavfi", "-i", "testsrc=size=64x48:rate=10:d=0.5", "-c:v", "libwebp_anim", "-loop", "0");
        var original = File.ReadAllBytes(webp);
        var frames = RiffTestChunks.Children(original).Where(c => c.Id == "ANMF").Select(c => Convert.ToHexString(RiffTestChunks.Data(original, c))).ToList();
        Assert.True(frames.Count > 1);

        // ffmpeg cannot decode animated WebP; exiftool and the chunk walk are the independent checks here.
        var labeled = Conformance.RoundTrip(webp, "webp", Checks.Exiftool);
        var bytes = File.ReadAllBytes(labeled);
        var chunks = RiffTestChunks.Children(bytes);
        Assert.Equal(["VP8X", "ANIM", .. frames.Select(_ => "ANMF"), "XMP "], chunks.Select(c => c.Id));
        Assert.Equal(frames, chunks.Where(c => c.Id == "ANMF").Select(c => Convert.ToHexString(RiffTestChunks.Data(bytes, c))));
        var flags = RiffTestChunks.Data(bytes, chunks[0])[0];
        Assert.Equal(RiffTestChunks.Data(original, RiffTestChunks.Children(original)[0])[0] | 0x04, flags);
        Assert.Equal(RiffTestChunks.Data(original, RiffTestChunks.Children(original)[0])[1..], RiffTestChunks.Data(bytes, chunks[0])[1..]);
    }

    [Fact]
    public void ExiftoolWrittenXmpAndExifSurvive()
    {
        var webp = MakeLossy();
        Tool.Run("exiftool", "-overwrite_original", "-XMP-dc:Creator=Alice", "-XMP-dc:Title=Sunset", "-EXIF:Artist=Bob", webp).EnsureSuccess("exiftool");
        Assert.Contains("XMP ", Ids(webp));
        var labeled = Conformance.RoundTrip(webp, "webp", Checks.Exiftool | Checks.Decode);

        var ids = Ids(labeled);
        Assert.Single(ids, "XMP ");
        Assert.True(ids.IndexOf("EXIF") < ids.IndexOf("XMP "), string.Join(",", ids));
        var tags = Tool.Run("exiftool", "-j", "-XMP-dc:all", "-EXIF:Artist", labeled).EnsureSuccess("exiftool").Stdout;
        Assert.Contains("Alice", tags);
        Assert.Contains("Sunset", tags);
        Assert.Contains("Bob", tags);
        Assert.DoesNotContain("Warning", Tool.Run("exiftool", "-j", "-warning", labeled).Stdout);
    }

    [Fact]
    public void UnknownOddSizedChunksAreKeptPadded()
    {
        var webp = MakeLossless();
        var bytes = File.ReadAllBytes(webp);
        var odd = RiffTestChunks.Chunk("ZZZZ", Encoding.ASCII.GetBytes("odd"));
        File.WriteAllBytes(webp, RiffTestChunks.Splice(bytes, bytes.Length, bytes.Length, odd));

        var labeled = Conformance.RoundTrip(webp, "webp", Checks.Exiftool | Checks.Decode);
        var after = File.ReadAllBytes(labeled);
        var chunks = RiffTestChunks.Children(after);
        Assert.Equal(["VP8X", "VP8L", "XMP ", "ZZZZ"], chunks.Select(c => c.Id));
        Assert.Equal(odd, after[chunks[^1].Offset..chunks[^1].End]);
    }

    [Fact]
    public void XmpWithoutVp8xIsReadAndReportedThenFixed()
    {
        // A simple-format file with an XMP chunk appended (a writer that skipped VP8X): read, warned, then repaired.
        var webp = MakeLossy();
        var packet = Xmp.XmpLabel.Merge((string?)null, "{\"Label\":\"1\",\"ContentProducer\":\"old\",\"ProduceID\":\"x\"}", 0);
        var bytes = File.ReadAllBytes(webp);
        File.WriteAllBytes(webp, RiffTestChunks.Splice(bytes, bytes.Length, bytes.Length, RiffTestChunks.Chunk("XMP ", packet)));

        var report = Conformance.Inspector.Inspect(webp);
        Assert.Equal("old", report.Label!.ContentProducer);
        Assert.Contains(report.Problems, p => p.Message.Contains("VP8X", StringComparison.Ordinal));

        Conformance.Writer.Write(webp, null, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "new" });
        Assert.Equal(["VP8X", "VP8 ", "XMP "], Ids(webp));
        var after = Conformance.Inspector.Inspect(webp);
        Assert.True(after.IsValid, Conformance.Describe(after));
        Assert.Equal("new", after.Label!.ProduceID);
    }

    [Fact]
    public void LyingChunkSizeIsCorruptAndNotWritten()
    {
        var webp = MakeLossy();
        var bytes = File.ReadAllBytes(webp);
        bytes[16] = 0xFF; // VP8 chunk size now runs past the RIFF
        File.WriteAllBytes(webp, bytes);
        Assert.Contains(Conformance.Inspector.Inspect(webp).Problems, p => p.Code == "container.corrupt");
        var output = _folder.File("out.webp");
        Assert.Throws<Labels.Carriers.ContainerFormatException>(() => Conformance.Writer.Write(webp, output, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "a" }));
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void DetectsByMagicNotName()
    {
        var webp = _folder.File("image.png");
        File.Move(MakeLossy(), webp);
        Assert.Equal("webp", Conformance.Inspector.Inspect(webp).Format);
        Assert.True(new WebPCarrier().Detect(File.ReadAllBytes(webp)));
        Assert.False(new WavCarrier().Detect(File.ReadAllBytes(webp)));
    }

    [Fact]
    public void CorruptedLossyCopiesNeverCrashOrWriteHalfFiles() => Corruption.Fuzz(MakeLossy());

    [Fact]
    public void CorruptedLosslessCopiesNeverCrashOrWriteHalfFiles() => Corruption.Fuzz(MakeLossless());
}
