namespace Qinglang.Labels.Explicit.Video;

/// <summary>
/// The encoder a captioned picture stream is re-encoded with (the same codec as the original, at high quality) and
/// the muxer of the original's container.
/// </summary>
internal static class VideoEncoding
{
    public static readonly IReadOnlySet<string> Formats = new HashSet<string> { "mp4", "mov", "matroska", "webm", "flv", "avi" };

    /// <summary>Encoder options for output video stream <paramref name="stream"/> (its number among video streams).</summary>
    public static IReadOnlyList<string> EncoderOptions(string codec, string muxer, int stream)
    {
        string[] options = codec switch
        {
            "h264" => ["libx264", "-crf", "18", "-preset", "fast"],
            "hevc" => ["libx265", "-crf", "20", "-preset", "fast"],
            "vp9" => ["libvpx-vp9", "-crf", "24", "-b:v", "0", "-row-mt", "1", "-deadline", "good", "-cpu-used", "4"],
            "vp8" => ["libvpx", "-crf", "8", "-b:v", "20M", "-deadline", "good", "-cpu-used", "4"],
            "av1" => ["libsvtav1", "-crf", "28", "-preset", "8"],
            "mpeg4" => ["mpeg4", "-q:v", "2"],
            "mjpeg" => ["mjpeg", "-q:v", "2"],
            "flv1" => ["flv", "-q:v", "2"],
            "theora" => ["libtheora", "-q:v", "8"],
            "prores" => ["prores_ks"],
            _ => throw new MarkingException($"the video is {codec}; Qinglang re-encodes only H.264, HEVC, VP8, VP9, AV1, MPEG-4, MJPEG, FLV1, Theora and ProRes"),
        };

        // the codec flag names the stream; the codec's own options apply to the output as a whole here.
        // HEVC in MP4/MOV is tagged hvc1, the tag Apple players require (ffmpeg's default hev1 plays elsewhere only).
        string[] tag = codec == "hevc" && muxer is "mp4" or "mov" ? [$"-tag:v:{stream}", "hvc1"] : [];
        return [$"-c:v:{stream}", .. options, .. tag];
    }

    /// <summary>The muxer that writes the original's container again (WebM stays WebM).</summary>
    public static string Muxer(string format, string path) => format switch
    {
        "mp4" => "mp4",
        "mov" => "mov",
        "webm" => "webm",
        "matroska" => IsWebM(path) ? "webm" : "matroska",
        "flv" => "flv",
        "avi" => "avi",
        _ => throw new MarkingException($"{format}: not a video container Qinglang can caption"),
    };

    /// <summary>The EBML header's DocType sits in the first few dozen bytes.</summary>
    private static bool IsWebM(string path)
    {
        using var file = File.OpenRead(path);
        var head = new byte[Math.Min(file.Length, 64)];
        file.ReadExactly(head);
        return head.AsSpan().IndexOf("webm"u8) >= 0;
    }
}
