using System.Text;
using Qinglang.Labels.Carriers.Riff;
using Qinglang.Labels.Tests.Support;
using Qinglang.Labels.Writing;

namespace Qinglang.Labels.Tests.Carriers;

public sealed class AviCarrierTests : IDisposable
{
    private const string OldLabel = "{\"Label\":\"1\",\"ContentProducer\":\"old\",\"ProduceID\":\"x1\"}";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string MakeAvi(string name = "in.avi", string codec = "mpeg4", params string[] extra) =>
        Tool.Ffmpeg(_folder.File(name), ["-f", "lavfi", "-i", "testsrc=d=1", "-f", "lavfi", "-i", "sine=d=1", "-c:v", codec, "-c:a", "pcm_s16le", .. extra]);

    /// <summary>exiftool lists the INFO child as RIFF:Unknown_AIGC (read with -b); ffprobe shows it as a format tag.</summary>
    private static void AssertIndependentReadersSeeLabel(string path, string expected)
    {
        var values = RiffTestChunks.ExiftoolAigcValues(path);
        Assert.Single(values);
        Assert.Contains(expected, values[0]);
        Assert.Contains(expected, Independent.FfprobeTags(path));
    }

    /// <summary>Everything from the movi list on: media data and idx1, which must not move or change.</summary>
    private static byte[] MoviOnward(byte[] bytes) => bytes[RiffTestChunks.Children(bytes).Single(c => c.ListType == "movi").Offset..];

    /// <summary>Removes the JUNK chunk ffmpeg leaves after INFO (other muxers leave none); idx1 is movi-relative, so it stays valid.</summary>
    private static void RemoveJunkAfterInfo(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var chunks = RiffTestChunks.Children(bytes);
        var junk = chunks[chunks.FindIndex(c => c.ListType == "INFO") + 1];
        Assert.Equal("JUNK", junk.Id);
        File.WriteAllBytes(path, RiffTestChunks.Splice(bytes, junk.Offset, junk.End, []));
    }

    /// <summary>Appends an OpenDML RIFF 'AVIX' extension chunk (with an empty movi list, plus optional extra children).</summary>
    private static byte[] AppendAvix(string path, params byte[][] children)
    {
        var avix = RiffTestChunks.Chunk("RIFF", [.. "AVIX"u8, .. RiffTestChunks.List("movi"), .. children.SelectMany(c => c)]);
        File.WriteAllBytes(path, [.. File.ReadAllBytes(path), .. avix]);
        return avix;
    }

    [Fact]
    public void Mpeg4RoundTripIsSeenByFfprobeAndExiftoolAndDecodesIdentically()
    {
        var avi = MakeAvi();
        var before = File.ReadAllBytes(avi);
        var labeled = Conformance.RoundTrip(avi, "avi", Checks.Ffprobe | Checks.Decode);
        AssertIndependentReadersSeeLabel(labeled, "post-0002");

        // The label took the JUNK room ffmpeg leaves after INFO: nothing moved, media and index are untouched.
        var after = File.ReadAllBytes(labeled);
        Assert.Equal(before.Length, after.Length);
        Assert.Equal(MoviOnward(before), MoviOnward(after));
        var ids = RiffTestChunks.Children(after).Select(c => c.ListType ?? c.Id);
        Assert.Equal(["hdrl", "INFO", "JUNK", "movi", "idx1"], ids);
    }

    [Fact]
    public void MjpegRoundTripDecodesIdentically()
    {
        var labeled = Conformance.RoundTrip(MakeAvi("mjpeg.avi", "mjpeg"), "avi", Checks.Ffprobe | Checks.Decode);
        AssertIndependentReadersSeeLabel(labeled, "post-0002");
    }

    [Fact]
    public void OtherInfoChildrenAreKept()
    {
        var avi = MakeAvi("tagged.avi", "mpeg4", "-metadata", "title=x", "-metadata", "comment=odd1");
        var labeled = Conformance.RoundTrip(avi, "avi", Checks.Ffprobe | Checks.Decode);
        var tags = Independent.FfprobeTags(labeled);
        Assert.Contains("\"title\": \"x\"", tags);
        Assert.Contains("odd1", tags);
        Assert.Contains("Lavf", tags);
    }

    [Fact]
    public void LabelingAnFfmpegAviIsAnInPlaceEdit()
    {
        var avi = MakeAvi();
        var result = Conformance.Writer.Write(avi, null, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "p" });
        Assert.True(result.InPlace);
        Assert.Equal("p", Conformance.Inspector.Inspect(avi).Label!.ProduceID);
        Assert.Contains("ProduceID", Independent.FfprobeTags(avi));
    }

    [Fact]
    public void WithoutJunkRoomTheListIsAppendedAfterIdx1AndTheIndexStaysValid()
    {
        var avi = MakeAvi("tight.avi");
        RemoveJunkAfterInfo(avi);
        var before = File.ReadAllBytes(avi);
        var labeled = Conformance.RoundTrip(avi, "avi", Checks.Ffprobe | Checks.Decode);
        AssertIndependentReadersSeeLabel(labeled, "post-0002");

        var after = File.ReadAllBytes(labeled);
        var chunks = RiffTestChunks.Children(after);
        Assert.Equal(["hdrl", "JUNK", "movi", "idx1", "INFO"], chunks.Select(c => c.ListType ?? c.Id));
        var movi = chunks.Single(c => c.ListType == "movi");
        var idx1 = chunks.Single(c => c.Id == "idx1");
        Assert.Equal(MoviOnward(before), after[movi.Offset..idx1.End]);
        var info = RiffTestChunks.Walk(after, chunks[^1].Offset + 12, chunks[^1].End);
        Assert.Equal(["ISFT", "AIGC"], info.Select(c => c.Id));
    }

    [Fact]
    public void OpenDmlAviWithJunkRoomIsLabeledWithoutMovingAvix()
    {
        var avi = MakeAvi("odml.avi");
        var avix = AppendAvix(avi);
        var result = Conformance.Writer.Write(avi, null, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "p" });
        Assert.True(result.InPlace);
        var after = File.ReadAllBytes(avi);
        Assert.Equal(avix, after[^avix.Length..]);
        var report = Conformance.Inspector.Inspect(avi);
        Assert.True(report.IsValid, Conformance.Describe(report));
    }

    [Fact]
    public void OpenDmlAviWithoutRoomIsRefusedCleanly()
    {
        var avi = MakeAvi("odml-tight.avi");
        RemoveJunkAfterInfo(avi);
        AppendAvix(avi);
        var before = File.ReadAllBytes(avi);
        var output = _folder.File("out.avi");
        var ex = Assert.Throws<LabelingException>(() => Conformance.Writer.Write(avi, output, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "p" }));
        Assert.Contains("AVIX", ex.Message);
        Assert.False(File.Exists(output));
        Assert.Throws<LabelingException>(() => Conformance.Writer.Write(avi, null, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "p" }));
        Assert.Equal(before, File.ReadAllBytes(avi));
    }

    [Fact]
    public void LabelInAnAvixInfoListIsReadAndRemovedInPlace()
    {
        var avi = MakeAvi("second.avi");
        var stray = RiffTestChunks.List("INFO", RiffTestChunks.Chunk("ICMT", Encoding.ASCII.GetBytes("keep\0")), RiffTestChunks.Chunk("AIGC", [.. Encoding.UTF8.GetBytes(OldLabel), 0]));
        var avix = AppendAvix(avi, stray);
        var report = Conformance.Inspector.Inspect(avi);
        Assert.Single(report.Sites);
        Assert.Equal("old", report.Label!.ContentProducer);

        Conformance.Writer.Write(avi, null, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "new" });
        var after = Conformance.Inspector.Inspect(avi);
        Assert.True(after.IsValid, Conformance.Describe(after));
        Assert.Single(after.Sites);
        Assert.Equal("new", after.Label!.ProduceID);
        Assert.Equal(Conformance.Producer, after.Label.ContentProducer);

        // The AVIX chunk kept its length and its other INFO child; the old label's bytes are gone.
        var bytes = File.ReadAllBytes(avi);
        var tail = bytes[^avix.Length..];
        Assert.Equal(avix[..20], tail[..20]);
        Assert.Contains("keep", Encoding.ASCII.GetString(tail));
        Assert.DoesNotContain("x1", Encoding.ASCII.GetString(tail));
    }

    [Fact]
    public void LabelInAnAdobeXmpChunkIsRemovedInPlaceKeepingTheRestOfTheXmp()
    {
        var avi = MakeAvi("xmp.avi");
        var bytes = File.ReadAllBytes(avi);
        var pmx = RiffTestChunks.XmpChunkWithLabel(_folder.Path, OldLabel);
        File.WriteAllBytes(avi, RiffTestChunks.Splice(bytes, bytes.Length, bytes.Length, pmx));
        Assert.Equal("xmp", Assert.Single(Conformance.Inspector.Inspect(avi).Sites).Kind);

        var result = Conformance.Writer.Write(avi, null, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "new" });
        Assert.True(result.InPlace);
        var after = Conformance.Inspector.Inspect(avi);
        Assert.True(after.IsValid, Conformance.Describe(after));
        Assert.Equal("riff-info", Assert.Single(after.Sites).Kind);
        Assert.Equal(bytes.Length + pmx.Length, new FileInfo(avi).Length);
        var xmp = Tool.Run("exiftool", "-j", "-XMP:all", avi).EnsureSuccess("exiftool").Stdout;
        Assert.Contains("Alice", xmp);
        Assert.DoesNotContain("ContentProducer", xmp);
        Assert.Contains("\\\"ProduceID\\\":\\\"new\\\"", Independent.FfprobeTags(avi)); // JSON inside ffprobe's JSON
    }

    [Fact]
    public void DetectsByMagicNotName()
    {
        var avi = _folder.File("movie.mp4");
        File.Move(MakeAvi(), avi);
        Assert.Equal("avi", Conformance.Inspector.Inspect(avi).Format);
        Assert.True(new AviCarrier().Detect(File.ReadAllBytes(avi)));
        Assert.False(new WebPCarrier().Detect(File.ReadAllBytes(avi)));
    }

    [Fact]
    public void CorruptedCopiesNeverCrashOrWriteHalfFiles() => Corruption.Fuzz(MakeAvi("fuzz.avi", "mpeg4", "-metadata", "title=x"));
}
