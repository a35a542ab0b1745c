using Qinglang.Labels.Carriers.Ogg;
using Qinglang.Labels.Tests.Support;
using Qinglang.Labels.Writing;

namespace Qinglang.Labels.Tests.Carriers;

public sealed class OggCarrierTests : IDisposable
{
    private const string OldLabel = "{\"Label\":\"1\",\"ContentProducer\":\"old\",\"ProduceID\":\"x1\"}";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string MakeVorbis(string name = "in.ogg", params string[] extra) =>
        Tool.Ffmpeg(_folder.File(name), ["-f", "lavfi", "-i", "sine=d=2", "-c:a", "libvorbis", .. extra]);

    private string MakeOpus(string name = "in.opus", params string[] extra) =>
        Tool.Ffmpeg(_folder.File(name), ["-f", "lavfi", "-i", "sine=d=2", "-c:a", "libopus", .. extra]);

    private static LabelRequest Request(string id = "a") => new() { ContentProducer = Conformance.Producer, ProduceID = id };

    /// <summary>
    /// ogginfo (Debian vorbis-tools) walks every page independently of us: it warns about CRC errors ("hole in data"),
    /// sequence number gaps and broken headers. A clean file gets no WARNING or ERROR line.
    /// </summary>
    private static string OggInfo(string path)
    {
        var output = Tool.Run("ogginfo", path).EnsureSuccess("ogginfo").Stdout;
        Assert.DoesNotContain("WARNING", output, StringComparison.Ordinal);
        Assert.DoesNotContain("ERROR", output, StringComparison.Ordinal);
        return output;
    }

    private static string[] VorbisComments(string path) =>
        Tool.Run("vorbiscomment", "-l", path).EnsureSuccess("vorbiscomment").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void VorbisRoundTripIsSeenByExiftoolAndFfprobeAndDecodesIdentically() =>
        OggInfo(Conformance.RoundTrip(MakeVorbis(), "vorbis", Checks.Exiftool | Checks.Ffprobe | Checks.Decode));

    [Fact]
    public void OpusRoundTripIsSeenByExiftoolAndFfprobeAndDecodesIdentically() =>
        OggInfo(Conformance.RoundTrip(MakeOpus(), "opus", Checks.Exiftool | Checks.Ffprobe | Checks.Decode));

    [Fact]
    public void FfmpegAigcCommentIsReplacedAndVendorAndOtherCommentsKept()
    {
        var ogg = MakeVorbis("tagged.ogg", "-metadata", "title=Sunset", "-metadata", "artist=Alice", "-metadata", $"AIGC={OldLabel}");
        var before = Conformance.Inspector.Inspect(ogg);
        Assert.Equal("vorbis-comment", Assert.Single(before.Sites).Kind);
        Assert.Equal("old", before.Label!.ContentProducer);
        var vendor = OggInfo(ogg).Split('\n').Single(l => l.StartsWith("Vendor:", StringComparison.Ordinal));

        var output = _folder.File("out.ogg");
        Conformance.Writer.Write(ogg, output, Request("new"));
        var comments = VorbisComments(output);
        Assert.Contains(Conformance.Producer, Assert.Single(comments, c => c.StartsWith("AIGC=", StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(comments, c => c.Contains("\"old\"", StringComparison.Ordinal));
        Assert.Contains("title=Sunset", comments, StringComparer.OrdinalIgnoreCase);
        Assert.Contains("artist=Alice", comments, StringComparer.OrdinalIgnoreCase);
        Assert.Contains(vendor, OggInfo(output));
        Assert.Equal(Independent.DecodedStreamHashes(ogg), Independent.DecodedStreamHashes(output));
    }

    [Fact]
    public void TwoLabelCommentsBecomeOne()
    {
        var ogg = MakeVorbis("two.ogg", "-metadata", "title=Sunset");
        Tool.Run("vorbiscomment", "-a", "-t", $"AIGC={OldLabel}", "-t", $"aigc={OldLabel.Replace("old", "other", StringComparison.Ordinal)}", ogg).EnsureSuccess("vorbiscomment");
        Assert.Equal(2, Conformance.Inspector.Inspect(ogg).Sites.Count);

        Conformance.Writer.Write(ogg, null, Request("one"));
        var comments = VorbisComments(ogg);
        Assert.Contains("\"one\"", Assert.Single(comments, c => c.StartsWith("AIGC=", StringComparison.OrdinalIgnoreCase)));
        Assert.Contains("title=Sunset", comments, StringComparer.OrdinalIgnoreCase);
        OggInfo(ogg);
    }

    [Fact]
    public void OpusAigcTagIsReplaced()
    {
        var opus = MakeOpus("tagged.opus", "-metadata", "title=Sunset", "-metadata", $"AIGC={OldLabel}");
        Assert.Equal("old", Conformance.Inspector.Inspect(opus).Label!.ContentProducer);
        var output = _folder.File("out.opus");
        Conformance.Writer.Write(opus, output, Request("new"));
        var tags = Independent.FfprobeTags(output);
        Assert.Contains("Sunset", tags);
        Assert.Contains("new", tags);
        Assert.DoesNotContain("\\\"old\\\"", tags);
        Assert.Single(Conformance.Inspector.Inspect(output).Sites);
        Assert.Equal(Independent.DecodedStreamHashes(opus), Independent.DecodedStreamHashes(output));
    }

    [Theory]
    [InlineData(false)] // a comment packet spanning two pages shrinks to one: every later page is renumbered
    [InlineData(true)] // a label too large for one page: the header pages grow by one
    public void ChangedHeaderPageCountRenumbersFollowingPagesWithNewCrcs(bool grow)
    {
        var huge = "{\"Label\":\"1\",\"ContentProducer\":\"old\",\"ProduceID\":\"" + new string('x', 70000) + "\"}";
        var ogg = grow ? MakeVorbis("small.ogg") : MakeVorbis("big.ogg", "-metadata", $"AIGC={huge}");
        var pagesBefore = PageCount(OggInfo(ogg), ogg);

        var output = _folder.File("out.ogg");
        Conformance.Writer.Write(ogg, output, Request(grow ? new string('y', 70000) : "small"));
        Assert.Equal(pagesBefore + (grow ? 1 : -1), PageCount(OggInfo(output), output));
        Assert.Single(VorbisComments(output), c => c.StartsWith("AIGC=", StringComparison.Ordinal));
        Assert.Equal(Independent.DecodedStreamHashes(ogg), Independent.DecodedStreamHashes(output));
    }

    [Fact]
    public void WrongPageCrcIsReportedAndNothingIsWritten()
    {
        var ogg = MakeVorbis();
        var bytes = File.ReadAllBytes(ogg);
        bytes[^100] ^= 0x20; // inside the last audio page
        File.WriteAllBytes(ogg, bytes);
        Assert.Contains(Conformance.Inspector.Inspect(ogg).Problems, p => p.Code == "container.corrupt" && p.Message.Contains("CRC", StringComparison.Ordinal));

        var output = _folder.File("out.ogg");
        var ex = Assert.Throws<Labels.Carriers.ContainerFormatException>(() => Conformance.Writer.Write(ogg, output, Request()));
        Assert.Contains("CRC", ex.Message);
        Assert.False(File.Exists(output));
        Assert.Throws<Labels.Carriers.ContainerFormatException>(() => Conformance.Writer.Write(ogg, null, Request()));
        Assert.Equal(bytes, File.ReadAllBytes(ogg));
        Assert.Empty(_folder.Leftovers("in.ogg"));
    }

    [Fact]
    public void ChainedFileIsRefusedClearly()
    {
        var chained = _folder.File("chained.ogg");
        File.WriteAllBytes(chained, [.. File.ReadAllBytes(MakeVorbis("a.ogg")), .. File.ReadAllBytes(MakeVorbis("b.ogg", "-metadata", $"AIGC={OldLabel}"))]);
        var report = Conformance.Inspector.Inspect(chained);
        Assert.Contains("\"old\"", Assert.Single(report.Sites).Value); // the second link's label is read too
        Assert.Contains(report.Problems, p => p.Message.Contains("logical streams", StringComparison.Ordinal));

        var output = _folder.File("out.ogg");
        var ex = Assert.Throws<LabelingException>(() => Conformance.Writer.Write(chained, output, Request()));
        Assert.Contains("chained", ex.Message);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void MultiplexedFileIsRefusedClearly()
    {
        var muxed = Tool.Ffmpeg(_folder.File("mux.ogg"), "-f", "lavfi", "-i", "sine=d=1", "-f", "lavfi", "-i", "sine=d=1:f=880", "-map", "0", "-map", "1", "-c:a", "libvorbis");
        var output = _folder.File("out.ogg");
        Assert.Throws<LabelingException>(() => Conformance.Writer.Write(muxed, output, Request()));
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void DetectsByMagicNotName()
    {
        var path = _folder.File("song.flac");
        File.Move(MakeOpus(), path);
        Assert.Equal("opus", Conformance.Inspector.Inspect(path).Format);
        Assert.True(new OggCarrier().Detect(File.ReadAllBytes(path)));
    }

    [Fact]
    public void CorruptedVorbisCopiesNeverCrashOrWriteHalfFiles() => Corruption.Fuzz(MakeVorbis("fuzz.ogg", "-metadata", "title=Sunset", "-metadata", $"AIGC={OldLabel}"));

    [Fact]
    public void CorruptedOpusCopiesNeverCrashOrWriteHalfFiles() => Corruption.Fuzz(MakeOpus("fuzz.opus", "-metadata", $"AIGC={OldLabel}"), mutations: 100);

    /// <summary>The number of pages, counted by walking "OggS" page headers and their segment tables.</summary>
    private static int PageCount(string oggInfoOutput, string path)
    {
        Assert.Contains("type vorbis", oggInfoOutput);
        var bytes = File.ReadAllBytes(path);
        var count = 0;
        for (var at = 0; at < bytes.Length; count++)
        {
            Assert.True(bytes.AsSpan(at).StartsWith("OggS"u8), $"page {count} does not start at {at}");
            var segments = bytes[at + 26];
            at += 27 + segments + bytes.AsSpan(at + 27, segments).ToArray().Sum(b => b);
        }

        return count;
    }
}
