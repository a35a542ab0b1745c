namespace Qinglang.Labels.Explicit.Ffmpeg;

/// <summary>What ffprobe says about a file: its container (ffmpeg's demuxer names), duration and streams.</summary>
internal sealed record MediaInfo(string FormatName, double? Duration, IReadOnlyList<MediaStream> Streams)
{
    /// <summary>The first video stream that is picture content, not cover art attached to audio.</summary>
    public MediaStream? Video => Streams.FirstOrDefault(s => s.Kind == "video" && !s.AttachedPicture);

    public MediaStream RequireVideo(string path) =>
        Video is { Width: > 0, Height: > 0 } video ? video : throw new MarkingException($"{path}: ffmpeg finds no decodable picture in this file");
}

/// <summary>One stream. <see cref="FrameCount"/> is the decoded count when the probe counted frames, else the header's.</summary>
internal sealed record MediaStream(
    int Index,
    string Kind,
    string Codec,
    int Width,
    int Height,
    string? PixelFormat,
    double? FrameRate,
    double? Duration,
    long? FrameCount,
    bool AttachedPicture);
