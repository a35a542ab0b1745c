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

        arguments.AddRange(["-i", path, "-map", "0:V:0", "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "gray", "-"]);
        var expected = width * height;
        var output = await MediaTool.FfmpegAsync(arguments, cancellationToken, TimeSpan.FromMinutes(5)).ConfigureAwait(false);
        return output.Stdout.Length == expected
            ? new GrayFrame(width, height, output.Stdout)
            : throw new MarkingException($"{path}: decoding a frame gave {output.Stdout.Length} bytes, not {width}×{height}");
    }
}
