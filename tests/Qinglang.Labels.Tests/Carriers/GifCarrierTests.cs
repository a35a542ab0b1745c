using System.Text;
using Qinglang.Labels.Carriers;
using Qinglang.Labels.Model;
using Qinglang.Labels.Tests.Support;
using Qinglang.Labels.Writing;

namespace Qinglang.Labels.Tests.Carriers;

public sealed class GifCarrierTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string MakeGif(string name = "in.gif") =>
        Tool.Ffmpeg(_folder.File(name), "-f", "lavfi", "-i", "testsrc=size=64x48", "-frames:v", "1");

    private string MakeAnimatedGif(string name = "anim.gif") =>
        Tool.Ffmpeg(_folder.File(name), "-f", "lavfi", "-i", "testsrc=size=64x48:rate=5", "-t", "1", "-loop", "0");

    private static LabelRequest Producer(string id) => new() { ContentProducer = Conformance.Producer, ProduceID = id };

    [Fact]
    public void RoundTripIsSeenByExiftoolAndDecodesIdentically() =>
        Conformance.RoundTrip(MakeGif(), "gif", Checks.Exiftool | Checks.Decode);

    [Fact]
    public void AnimatedGifKeepsEveryFrameAndPutsXmpBeforeTheFirstFrame()
    {
        var gif = MakeAnimatedGif();
        var labeled = Conformance.RoundTrip(gif, "gif", Checks.Exiftool | Checks.Decode);

        var bytes = File.ReadAllBytes(labeled);
        var netscape = Bytes.IndexOf(bytes, "NETSCAPE2.0");
        var xmp = Bytes.IndexOf(bytes, "XMP DataXMP");
        var graphicControl = bytes.AsSpan().IndexOf([(byte)0x21, (byte)0xF9, (byte)0x04]);
        Assert.True(netscape > 0 && netscape < xmp && xmp < graphicControl, $"NETSCAPE {netscape}, XMP {xmp}, first graphic control {graphicControl}");
        var frames = Tool.Run("ffprobe", "-v", "error", "-count_frames", "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", labeled).EnsureSuccess("ffprobe").Stdout.Trim();
        Assert.Equal("5", frames);
    }

    [Fact]
    public void ExiftoolWrittenXmpIsMergedIntoOneExtension()
    {
        var gif = MakeAnimatedGif();
        Tool.Run("exiftool", "-overwrite_original", "-XMP-dc:Creator=Alice", "-XMP-dc:Title=Sunset", gif).EnsureSuccess("exiftool");
        var labeled = Conformance.RoundTrip(gif, "gif", Checks.Exiftool | Checks.Decode);

        var tags = Tool.Run("exiftool", "-j", "-XMP-dc:all", labeled).EnsureSuccess("exiftool").Stdout;
        Assert.Contains("Alice", tags);
        Assert.Contains("Sunset", tags);
        Assert.Equal(1, Bytes.Count(File.ReadAllBytes(labeled), "XMP DataXMP"));
        Assert.DoesNotContain("Warning", Tool.Run("exiftool", "-warning", "-a", labeled).EnsureSuccess("exiftool").Stdout);
    }

    [Fact]
    public void Gif87aIsUpgradedTo89a()
    {
        var gif = MakeGif();
        var gif87 = _folder.File("old.gif");
        File.WriteAllBytes(gif87, As87a(File.ReadAllBytes(gif)));
        Assert.Equal("GIF87a", Encoding.ASCII.GetString(File.ReadAllBytes(gif87), 0, 6));

        var labeled = Conformance.RoundTrip(gif87, "gif", Checks.Exiftool | Checks.Decode);
        Assert.Equal("GIF89a", Encoding.ASCII.GetString(File.ReadAllBytes(labeled), 0, 6));
    }

    [Fact]
    public void TruncatedGifIsCorruptAndNotWritten()
    {
        var gif = MakeAnimatedGif();
        var bytes = File.ReadAllBytes(gif);
        File.WriteAllBytes(gif, bytes[..(bytes.Length / 2)]);

        var report = Conformance.Inspector.Inspect(gif);
        Assert.Equal("gif", report.Format);
        Assert.Contains(report.Problems, p => p.Code == "container.corrupt");
        var output = _folder.File("out.gif");
        Assert.Throws<ContainerFormatException>(() => Conformance.Writer.Write(gif, output, Producer("t")));
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void CorruptedCopiesNeverCrashOrWriteHalfFiles()
    {
        var gif = MakeAnimatedGif();
        Conformance.Writer.Write(gif, null, Producer("fuzz-source"));
        Corruption.Fuzz(gif);
    }

    /// <summary>
    /// A true GIF87a: the extension blocks (GIF89a features) before the first image are removed and the
    /// signature changed (GIF89a §17–§18: header, logical screen descriptor, global color table).
    /// </summary>
    private static byte[] As87a(byte[] gif)
    {
        var packed = gif[10];
        var at = 13 + ((packed & 0x80) != 0 ? 3 << ((packed & 0x07) + 1) : 0);
        var headerEnd = at;
        while (gif[at] == 0x21)
        {
            at += 2;
            while (gif[at] != 0)
            {
                at += gif[at] + 1;
            }

            at++;
        }

        Assert.Equal(0x2C, gif[at]);
        return [.. "GIF87a"u8, .. gif[6..headerEnd], .. gif[at..]];
    }

    [Fact]
    public void OversizedXmpExtensionIsRefusedRatherThanDroppedWithItsOtherProperties()
    {
        var gif = File.ReadAllBytes(MakeGif());
        var packet = "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description rdf:about='' xmlns:dc='http://purl.org/dc/elements/1.1/'><dc:format>image/gif</dc:format></rdf:Description></rdf:RDF></x:xmpmeta>";
        var extension = Labels.Carriers.Gif.GifXmpExtension.Build(Encoding.ASCII.GetBytes(packet + new string(' ', 17 << 20)));
        var colorTable = (gif[10] & 0x80) != 0 ? 3 << ((gif[10] & 7) + 1) : 0;
        var at = 13 + colorTable;
        var path = _folder.File("big-xmp.gif");
        File.WriteAllBytes(path, [.. gif[..at], .. extension, .. gif[at..]]);
        Assert.Equal("gif", Conformance.Inspector.Inspect(path).Format);
        var before = Conformance.Sha256(path);

        var output = _folder.File("refused.gif");
        var ex = Assert.Throws<LabelingException>(() => Conformance.Writer.Write(path, output, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "x" }));
        Assert.Equal(ProblemCodes.Unsupported, ex.Code);
        Assert.False(File.Exists(output));
        Assert.Equal(before, Conformance.Sha256(path));
    }
}
