using System.Globalization;
using Qinglang.Labels.Explicit.Ffmpeg;

namespace Qinglang.Labels.Explicit.Caption;

/// <summary>One decoded picture as 8-bit luma, row by row: enough to see where a caption changed the picture.</summary>
internal sealed record GrayFrame(int Width, int Height, byte[] Pixels)
{
    public byte this[int x, int y] => Pixels[(y * Width) + x];

    /// <summary>Decodes the picture shown at <paramref name="seconds"/> (the first one when null) of the first video stream.</summary>
    public static async Task<GrayFrame> DecodeAsync(string path, int width, int height, double? seconds, CancellationToken cancellationToken)
    {
        List<string> arguments = [];
        if (seconds is { } at)
        {
            arguments.AddRange(["-ss", at.ToString("0.###", CultureInfo.InvariantCulture)]);
        }

        arguments.AddRange(["-i", path, "-map", "0:V:0", .. RawOutput]);
        var output = await MediaTool.FfmpegAsync(arguments, cancellationToken, TimeSpan.FromMinutes(5)).ConfigureAwait(false);
        return FromRaw(output.Stdout, width, height, path);
    }

    /// <summary>ffmpeg output options that write one grey frame to stdout.</summary>
    public static IReadOnlyList<string> RawOutput { get; } = ["-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "gray", "pipe:1"];

    public static GrayFrame FromRaw(byte[] raw, int width, int height, string source) =>
        raw.Length == width * height
            ? new GrayFrame(width, height, raw)
            : throw new MarkingException($"{source}: decoding a frame gave {raw.Length} bytes, not {width}×{height}");
}
