using System.Globalization;
using System.Text;
using Qinglang.Labels.Explicit.Ffmpeg;

namespace Qinglang.Labels.Explicit.Caption;

/// <summary>One decoded picture as 8-bit luma, row by row: enough to see where a caption changed the picture.</summary>
internal sealed record GrayFrame(int Width, int Height, byte[] Pixels)
{
    public byte this[int x, int y] => Pixels[(y * Width) + x];

    /// <summary>
    /// Decodes the picture shown at <paramref name="seconds"/> (the first one when null) of the first video stream, as
    /// a PGM: its header carries the size, so one ffmpeg run gives both the dimensions and the pixels.
    /// </summary>
    public static async Task<GrayFrame> DecodeAsync(string path, double? seconds, CancellationToken cancellationToken)
    {
        List<string> arguments = [];
        if (seconds is { } at)
        {
            arguments.AddRange(["-ss", at.ToString("0.###", CultureInfo.InvariantCulture)]);
        }

        arguments.AddRange(["-i", path, "-map", "0:V:0", "-frames:v", "1", "-f", "image2pipe", "-c:v", "pgm", "-pix_fmt", "gray", "pipe:1"]);
        ToolOutput output;
        try
        {
            output = await MediaTool.FfmpegAsync(arguments, cancellationToken, TimeSpan.FromMinutes(5)).ConfigureAwait(false);
        }
        catch (MarkingException ex)
        {
            throw new MarkingException($"{path}: ffmpeg cannot decode this file ({ex.Message})", ex);
        }

        return FromPgm(output.Stdout, path);
    }

    /// <summary>Reads a binary PGM (P5, 8-bit): "P5", width, height, maxval, one whitespace, then the pixels.</summary>
    public static GrayFrame FromPgm(byte[] pgm, string source)
    {
        var position = 0;
        string Token()
        {
            while (position < pgm.Length && char.IsWhiteSpace((char)pgm[position]))
            {
                position++;
            }

            var start = position;
            while (position < pgm.Length && position - start < 12 && !char.IsWhiteSpace((char)pgm[position]))
            {
                position++;
            }

            return Encoding.ASCII.GetString(pgm, start, position - start);
        }

        if (Token() != "P5"
            || !int.TryParse(Token(), CultureInfo.InvariantCulture, out var width) || width <= 0
            || !int.TryParse(Token(), CultureInfo.InvariantCulture, out var height) || height <= 0
            || Token() != "255")
        {
            throw new MarkingException($"{source}: ffmpeg decoded no picture");
        }

        position++;
        if ((long)width * height != pgm.Length - position)
        {
            throw new MarkingException($"{source}: decoding a frame gave {pgm.Length - position} bytes, not {width}×{height}");
        }

        return new GrayFrame(width, height, pgm[position..]);
    }
}
