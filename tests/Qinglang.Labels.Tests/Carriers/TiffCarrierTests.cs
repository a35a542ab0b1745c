using Qinglang.Labels.Carriers;
using Qinglang.Labels.Tests.Support;
using Qinglang.Labels.Writing;

namespace Qinglang.Labels.Tests.Carriers;

/// <summary>TIFF inputs come from ffmpeg; multi-page, big-endian and BigTIFF files from libtiff's tiffcp (libtiff-tools).</summary>
public sealed class TiffCarrierTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string MakeTiff(string name = "in.tiff", string source = "testsrc") =>
        Tool.Ffmpeg(_folder.File(name), "-f", "lavfi", "-i", $"{source}=size=64x48", "-frames:v", "1", "-pix_fmt", "rgb24");

    private string TiffCopy(string name, params string[] arguments)
    {
        var output = _folder.File(name);
        Tool.Run("tiffcp", [.. arguments, output]).EnsureSuccess("tiffcp");
        return output;
    }

    private static LabelRequest Producer(string id) => new() { ContentProducer = Conformance.Producer, ProduceID = id };

    [Fact]
    public void RoundTripIsSeenByExiftoolAndDecodesIdentically() =>
        Conformance.RoundTrip(MakeTiff(), "tiff", Checks.Exiftool | Checks.Decode);

    [Fact]
    public void BigEndianTiffRoundTrips()
    {
        var tiff = TiffCopy("mm.tiff", "-B", MakeTiff());
        Assert.Equal("MM"u8.ToArray(), File.ReadAllBytes(tiff)[..2]);
        Conformance.RoundTrip(tiff, "tiff", Checks.Exiftool | Checks.Decode);
    }

    [Fact]
    public void ExiftoolXmpAndExifSurviveAndImageDataIsUnchanged()
    {
        var tiff = MakeTiff();
        Tool.Run("exiftool", "-overwrite_original", "-XMP-dc:Creator=Alice", "-XMP-dc:Title=Sunset", "-EXIF:Artist=Bob", "-EXIF:UserComment=hello", tiff).EnsureSuccess("exiftool");
        var labeled = Conformance.RoundTrip(tiff, "tiff", Checks.Exiftool | Checks.Decode);

        var tags = Tool.Run("exiftool", "-j", "-XMP-dc:all", "-EXIF:all", labeled).EnsureSuccess("exiftool").Stdout;
        foreach (var value in (string[])["Alice", "Sunset", "Bob", "hello"])
        {
            Assert.Contains(value, tags);
        }

        Tool.Run("tiffcmp", tiff, labeled).EnsureSuccess("tiffcmp");
        Assert.DoesNotContain("Warning", Tool.Run("exiftool", "-warning", "-a", labeled).EnsureSuccess("exiftool").Stdout);
    }

    [Fact]
    public void MultiPageTiffKeepsEveryPage()
    {
        var multi = TiffCopy("multi.tiff", MakeTiff("a.tiff"), MakeTiff("b.tiff", "smptebars"));
        Assert.Equal(2, Directories(multi));
        var labeled = Conformance.RoundTrip(multi, "tiff", Checks.Exiftool | Checks.Decode);
        Assert.Equal(2, Directories(labeled));
        Tool.Run("tiffcmp", multi, labeled).EnsureSuccess("tiffcmp"); // compares every page's tags and pixels
    }

    [Fact]
    public void BigTiffIsReadAndLabeled()
    {
        var big = TiffCopy("big.tiff", "-8", MakeTiff());
        Assert.Equal(43, File.ReadAllBytes(big)[2]);
        Assert.Equal("tiff", Conformance.Inspector.Inspect(big).Format);
        var labeled = Conformance.RoundTrip(big, "tiff", Checks.Exiftool); // ffmpeg does not decode BigTIFF
        Tool.Run("tiffcmp", big, labeled).EnsureSuccess("tiffcmp");
    }

    [Fact]
    public void RelabelingReplacesThePacketWithoutGrowingTheFile()
    {
        var tiff = MakeTiff();
        var labeled = _folder.File("labeled.tiff");
        Conformance.Writer.Write(tiff, labeled, Producer("first"));
        var size = new FileInfo(labeled).Length;
        Conformance.Writer.Write(labeled, null, new LabelRequest { ContentPropagator = Conformance.Propagator, PropagateID = "p-1" });
        Assert.Equal(size, new FileInfo(labeled).Length);

        var report = Conformance.Inspector.Inspect(labeled);
        Assert.Single(report.Sites);
        Assert.Equal("first", report.Label!.ProduceID);
        Assert.Equal("p-1", report.Label.PropagateID);
        Tool.Run("tiffcmp", tiff, labeled).EnsureSuccess("tiffcmp");
    }

    [Fact]
    public void TruncatedTiffIsCorruptAndNotWritten()
    {
        var tiff = MakeTiff();
        var bytes = File.ReadAllBytes(tiff);
        File.WriteAllBytes(tiff, bytes[..(bytes.Length - 100)]);

        var report = Conformance.Inspector.Inspect(tiff);
        Assert.Equal("tiff", report.Format);
        Assert.Contains(report.Problems, p => p.Code == "container.corrupt");
        var output = _folder.File("out.tiff");
        Assert.Throws<ContainerFormatException>(() => Conformance.Writer.Write(tiff, output, Producer("t")));
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void CorruptedCopiesNeverCrashOrWriteHalfFiles()
    {
        var tiff = MakeTiff();
        Tool.Run("exiftool", "-overwrite_original", "-XMP-dc:Creator=Alice", tiff).EnsureSuccess("exiftool");
        Conformance.Writer.Write(tiff, null, Producer("fuzz-source"));
        Corruption.Fuzz(tiff);
    }

    private static int Directories(string path) =>
        Tool.Run("tiffinfo", path).EnsureSuccess("tiffinfo").Stdout.Split('\n').Count(l => l.StartsWith("TIFF Directory", StringComparison.Ordinal));
}
