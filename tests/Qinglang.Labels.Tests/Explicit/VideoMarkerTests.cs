using Qinglang.Labels.Explicit;
using Qinglang.Labels.Tests.Support;
using Qinglang.Labels.Writing;

namespace Qinglang.Labels.Tests.Explicit;

public sealed class VideoMarkerTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>3 s of moving test picture with a tone, 25 fps, in the given codecs.</summary>
    private string Make(string name, params string[] codecs) =>
        Tool.Ffmpeg(_folder.File(name), ["-f", "lavfi", "-i", "testsrc=size=240x160:rate=25:duration=3", "-f", "lavfi", "-i", "sine=frequency=440:duration=3", .. codecs, "-shortest"]);

    private static Task<MarkResult> Mark(string input, string output, MarkOptions options) =>
        ExplicitMarkWriter.Default.MarkAsync(input, output, options);

    /// <summary>MD5 of the audio packets: copied audio must be bit-identical.</summary>
    private static string AudioPackets(string path) =>
        Tool.Run("ffmpeg", "-nostdin", "-v", "error", "-i", path, "-map", "0:a", "-c", "copy", "-f", "md5", "-").EnsureSuccess("ffmpeg md5").Stdout;

    [Theory]
    [InlineData("in.mp4", "mp4", new[] { "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac" })]
    [InlineData("in.webm", "webm", new[] { "-c:v", "libvpx-vp9", "-deadline", "realtime", "-c:a", "libopus" })]
    [InlineData("in.mkv", "matroska", new[] { "-c:v", "libx264", "-c:a", "flac" })]
    public async Task OpeningCaptionThenOriginalPictureAudioCopiedLabelKept(string name, string format, string[] codecs)
    {
        var input = Make(name, codecs);
        var labeled = _folder.File("labeled-" + name);
        Conformance.Writer.Write(input, labeled, new LabelRequest { Label = "1", ContentProducer = Conformance.Producer, ProduceID = "vid-3" });
        var output = _folder.File("marked-" + name);

        var result = await Mark(labeled, output, new MarkOptions { CaptionSeconds = 2 });

        Assert.Equal("video", result.Media);
        Assert.Contains(result.Checks, c => c.Contains("no caption, frame matches the original", StringComparison.Ordinal));
        var report = Conformance.Inspector.Inspect(output);
        Assert.True(report.IsValid, Conformance.Describe(report));
        Assert.Equal(format, report.Format);
        Assert.Equal("vid-3", report.Label!.ProduceID);

        var (before, after) = (Decoded.Probe(labeled), Decoded.Probe(output));
        Assert.Equal((before.Width, before.Height, before.Streams), (after.Width, after.Height, after.Streams));
        Assert.InRange(after.Duration, before.Duration - 0.04, before.Duration + 0.04);
        Assert.Equal(AudioPackets(labeled), AudioPackets(output));

        Decoded.AssertPlaced(Decoded.Changed(Decoded.Luma(labeled), Decoded.Luma(output), 240), MarkPosition.BottomRight, 240, 160);
        Decoded.AssertPlaced(Decoded.Changed(Decoded.Luma(labeled, 1.8), Decoded.Luma(output, 1.8), 240), MarkPosition.BottomRight, 240, 160);
        Assert.Null(Decoded.Changed(Decoded.Luma(labeled, 2.6), Decoded.Luma(output, 2.6), 240));
        Assert.Empty(_folder.Leftovers(name, "labeled-" + name, "marked-" + name));
    }

    [Fact]
    public async Task WholeVideoKeepsTheCaptionToTheEnd()
    {
        var input = Make("in.mp4", "-c:v", "libx264", "-c:a", "aac");
        var output = _folder.File("out.mp4");

        var result = await Mark(input, output, new MarkOptions { WholeVideo = true, Position = MarkPosition.Top });

        Assert.Equal(MarkPosition.Top, result.Position);
        Decoded.AssertPlaced(Decoded.Changed(Decoded.Luma(input, 2.8), Decoded.Luma(output, 2.8), 240), MarkPosition.Top, 240, 160);
    }

    [Fact]
    public async Task CaptionShorterThanTwoSecondsIsRefused()
    {
        var input = Make("in.mp4", "-c:v", "libx264", "-c:a", "aac");
        var ex = await Assert.ThrowsAsync<MarkingException>(() => Mark(input, _folder.File("out.mp4"), new MarkOptions { CaptionSeconds = 1 }));
        Assert.Contains("2 s", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_folder.Leftovers("in.mp4"));
    }

    [Fact]
    public void AudioOnlyMatroskaIsNotTakenForVideo()
    {
        var input = Tool.Ffmpeg(_folder.File("tone.mka"), "-f", "lavfi", "-i", "sine=duration=1", "-c:a", "flac");
        var marker = new Labels.Explicit.Video.VideoMarker();
        Assert.False(marker.Handles(new MarkInput(input, "matroska")));
        var video = Make("in.mkv", "-c:v", "libx264", "-c:a", "flac");
        Assert.True(marker.Handles(new MarkInput(video, "matroska")));
    }

    [Fact]
    public async Task UnsupportedVideoCodecIsReportedAndNothingWritten()
    {
        var input = Make("in.avi", "-c:v", "msmpeg4v2", "-c:a", "pcm_s16le");
        var ex = await Assert.ThrowsAsync<MarkingException>(() => Mark(input, _folder.File("out.avi"), new MarkOptions()));
        Assert.Contains("msmpeg4v2", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_folder.Leftovers("in.avi"));
    }
}
