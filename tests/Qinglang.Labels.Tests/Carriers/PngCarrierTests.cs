using System.Text;
using Qinglang.Labels.Carriers.Png;
using Qinglang.Labels.Tests.Support;

namespace Qinglang.Labels.Tests.Carriers;

public sealed class PngCarrierTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string MakePng(string name = "in.png") =>
        Tool.Ffmpeg(_folder.File(name), "-f", "lavfi", "-i", "testsrc=size=64x48", "-frames:v", "1");

    [Fact]
    public void RoundTripIsSeenByExiftoolAndDecodesIdentically() =>
        Conformance.RoundTrip(MakePng(), "png", Checks.Exiftool | Checks.Decode);

    [Fact]
    public void ExiftoolWrittenXmpIsMergedNotLost()
    {
        var png = MakePng();
        Tool.Run("exiftool", "-overwrite_original", "-XMP-dc:Creator=Alice", "-XMP-dc:Title=Sunset", png).EnsureSuccess("exiftool");
        var labeled = Conformance.RoundTrip(png, "png", Checks.Exiftool);
        var tags = Tool.Run("exiftool", "-j", "-XMP-dc:all", labeled).EnsureSuccess("exiftool").Stdout;
        Assert.Contains("Alice", tags);
        Assert.Contains("Sunset", tags);
    }

    [Fact]
    public void TextChunkAlternativeIsReadAndReplacedByOneXmpSite()
    {
        var png = MakePng();
        InsertTextChunk(png, "AIGC", "{\"Label\":\"1\",\"ContentProducer\":\"old\",\"ProduceID\":\"x1\"}");
        var report = Conformance.Inspector.Inspect(png);
        Assert.Single(report.Sites);
        Assert.Equal("png-text", report.Sites[0].Kind);
        Assert.Equal("old", report.Label!.ContentProducer);

        Conformance.Writer.Write(png, null, new Writing.LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "new" });
        var after = Conformance.Inspector.Inspect(png);
        Assert.Single(after.Sites);
        Assert.Equal("xmp", after.Sites[0].Kind);
        Assert.DoesNotContain("\"old\"", Tool.Run("exiftool", "-j", png).Stdout);
    }

    [Fact]
    public void BothSitesAreReportedAsDuplicate()
    {
        var png = MakePng();
        Conformance.Writer.Write(png, null, new Writing.LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "a" });
        InsertTextChunk(png, "AIGC", "{\"Label\":\"2\",\"ContentProducer\":\"other\",\"ProduceID\":\"b\"}");
        var report = Conformance.Inspector.Inspect(png);
        Assert.Equal(2, report.Sites.Count);
        Assert.Contains(report.Problems, p => p.Code == "label.duplicate");
        Assert.Contains(report.Problems, p => p.Code == "label.conflict");
        Assert.False(report.IsValid);
    }

    [Fact]
    public void WrongCrcIsReportedAndNotWritten()
    {
        var png = MakePng();
        var bytes = File.ReadAllBytes(png);
        var idat = Encoding.ASCII.GetBytes("IDAT");
        var at = bytes.AsSpan().IndexOf(idat) + 8;
        bytes[at] ^= 0x55;
        File.WriteAllBytes(png, bytes);

        var output = _folder.File("out.png");
        var ex = Assert.Throws<Labels.Carriers.ContainerFormatException>(() => Conformance.Writer.Write(png, output, new Writing.LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "a" }));
        Assert.Contains("CRC", ex.Message);
        Assert.False(File.Exists(output));
        Assert.Equal(bytes, File.ReadAllBytes(png));
    }

    [Fact]
    public void DetectsByMagicNotName()
    {
        var png = _folder.File("photo.jpg");
        File.Move(MakePng(), png);
        Assert.Equal("png", Conformance.Inspector.Inspect(png).Format);
        Assert.True(new PngCarrier().Detect(File.ReadAllBytes(png)));
    }

    /// <summary>Adds a tEXt chunk after IHDR (exiftool cannot write arbitrary PNG keywords), per PNG 1.2 §11.3.4.3.</summary>
    private static void InsertTextChunk(string path, string keyword, string text)
    {
        var bytes = File.ReadAllBytes(path);
        var data = Encoding.Latin1.GetBytes(keyword + "\0" + text);
        var chunk = new byte[12 + data.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        Encoding.ASCII.GetBytes("tEXt").CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Labels.IO.Crc32.Compute(chunk.AsSpan(4, 4 + data.Length)));
        const int afterIhdr = 8 + 25;
        File.WriteAllBytes(path, [.. bytes[..afterIhdr], .. chunk, .. bytes[afterIhdr..]]);
    }

    [Fact]
    public void CorruptedCopiesNeverCrashOrWriteHalfFiles() => Corruption.Fuzz(MakePng());
}
