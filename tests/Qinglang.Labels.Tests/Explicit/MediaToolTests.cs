using System.Diagnostics;
using Qinglang.Labels.Explicit;
using Qinglang.Labels.Explicit.Ffmpeg;

namespace Qinglang.Labels.Tests.Explicit;

public sealed class MediaToolTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>An endless encode: only cancellation or the timeout stops it.</summary>
    private static readonly string[] Endless = ["-f", "lavfi", "-i", "testsrc=size=64x48", "-f", "null", "-"];

    [Fact]
    public async Task FailureQuotesFfmpegsOwnError()
    {
        var junk = _folder.File("junk.mp4");
        File.WriteAllText(junk, "not a movie at all");
        var ex = await Assert.ThrowsAsync<MarkingException>(() => MediaTool.FfmpegAsync(["-i", junk, "-f", "null", "-"], CancellationToken.None));
        Assert.Contains("ffmpeg failed (exit", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Invalid data found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancellationStopsTheProcess()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var clock = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => MediaTool.FfmpegAsync(Endless, cancel.Token));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task TimeoutStopsTheProcessWithAClearError()
    {
        var ex = await Assert.ThrowsAsync<MarkingException>(() => MediaTool.FfmpegAsync(Endless, CancellationToken.None, TimeSpan.FromMilliseconds(500)));
        Assert.Contains("took longer than", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OversizedOutputIsRefused()
    {
        var ex = await Assert.ThrowsAsync<MarkingException>(() => MediaTool.RunAsync(
            "ffmpeg", ["-nostdin", "-v", "error", "-f", "lavfi", "-i", "testsrc=size=640x480", "-f", "rawvideo", "pipe:1"], CancellationToken.None, maxStdoutBytes: 1_000_000));
        Assert.Contains("more than 1000000 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingProgramIsReported()
    {
        var ex = await Assert.ThrowsAsync<MarkingException>(() => MediaTool.RunAsync("ffmpeg-that-is-not-installed", [], CancellationToken.None));
        Assert.Contains("not installed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeReadsSizeFramesAndStreams()
    {
        var gif = Tool.Ffmpeg(_folder.File("a.gif"), "-f", "lavfi", "-i", "testsrc=size=64x48:rate=10:duration=0.7");
        var info = await MediaProbe.ProbeAsync(gif, countFrames: true, CancellationToken.None);
        var video = info.RequireVideo(gif);
        Assert.Equal((64, 48, 7L, "gif"), (video.Width, video.Height, video.FrameCount, video.Codec));
        Assert.Single(info.Streams);
    }
}
