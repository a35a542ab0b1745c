using System.Globalization;
using System.Text.Json;
using Qinglang.Labels.Explicit;

namespace Qinglang.Labels.Tests.Explicit;

/// <summary>
/// What ffmpeg and ffprobe themselves say about a marked file, read without the markers' own code: sizes, frame
/// counts, durations, and where a decoded frame differs from the original's.
/// </summary>
internal static class Decoded
{
    public sealed record Box(int Left, int Top, int Right, int Bottom)
    {
        public int Height => Bottom - Top;

        public int Width => Right - Left;
    }

    /// <summary>Width, height, frame count (decoded) of the first video stream; stream count; duration of the first video stream.</summary>
    public static (int Width, int Height, long Frames, int Streams, double Duration) Probe(string path, bool countFrames = false)
    {
        string[] count = countFrames ? ["-count_frames"] : [];
        var json = Tool.Run("ffprobe", ["-v", "error", .. count, "-show_streams", "-show_format", "-of", "json", path]).EnsureSuccess("ffprobe").Stdout;
        using var document = JsonDocument.Parse(json);
        var streams = document.RootElement.GetProperty("streams").EnumerateArray().ToList();
        var video = streams.First(s => s.GetProperty("codec_type").GetString() == "video");
        var frames = countFrames ? long.Parse(video.GetProperty("nb_read_frames").GetString()!, CultureInfo.InvariantCulture) : 0;
        var duration = video.TryGetProperty("duration", out var d) ? d.GetString()
            : document.RootElement.GetProperty("format").TryGetProperty("duration", out var f) ? f.GetString() : null;
        return (video.GetProperty("width").GetInt32(), video.GetProperty("height").GetInt32(), frames, streams.Count,
            double.Parse(duration ?? "0", CultureInfo.InvariantCulture));
    }

    /// <summary>Luma of the frame at <paramref name="seconds"/> (first frame when null), written by ffmpeg to a file.</summary>
    public static byte[] Luma(string path, double? seconds = null)
    {
        var raw = path + $".{Guid.NewGuid():N}.gray";
        string[] seek = seconds is { } at ? ["-ss", at.ToString(CultureInfo.InvariantCulture)] : [];
        Tool.Ffmpeg(raw, [.. seek, "-i", path, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "gray"]);
        var bytes = File.ReadAllBytes(raw);
        File.Delete(raw);
        return bytes;
    }

    /// <summary>
    /// The box around rows and columns where at least 3 pixels changed by more than 64 levels (single pixels moved by
    /// re-encoding do not count), or null when nothing changed that much.
    /// </summary>
    public static Box? Changed(byte[] before, byte[] after, int width)
    {
        Assert.Equal(before.Length, after.Length);
        var height = before.Length / width;
        var rows = new int[height];
        var columns = new int[width];
        for (var i = 0; i < before.Length; i++)
        {
            if (Math.Abs(before[i] - after[i]) > 64)
            {
                rows[i / width]++;
                columns[i % width]++;
            }
        }

        var changedRows = Enumerable.Range(0, height).Where(y => rows[y] >= 3).ToList();
        var changedColumns = Enumerable.Range(0, width).Where(x => columns[x] >= 3).ToList();
        return changedRows.Count == 0 || changedColumns.Count == 0
            ? null
            : new Box(changedColumns[0], changedRows[0], changedColumns[^1] + 1, changedRows[^1] + 1);
    }

    /// <summary>The darkest and brightest luma inside <paramref name="box"/>: a legible caption has both.</summary>
    public static (int Darkest, int Brightest) Range(byte[] luma, int width, Box box)
    {
        var (darkest, brightest) = (255, 0);
        for (var y = box.Top; y < box.Bottom; y++)
        {
            for (var x = box.Left; x < box.Right; x++)
            {
                darkest = Math.Min(darkest, luma[(y * width) + x]);
                brightest = Math.Max(brightest, luma[(y * width) + x]);
            }
        }

        return (darkest, brightest);
    }

    /// <summary>Asserts the box sits in the corner or edge the position names and is at least 5% of the shortest side high.</summary>
    public static void AssertPlaced(Box? box, MarkPosition position, int width, int height)
    {
        Assert.NotNull(box);
        Assert.True(box.Height >= 0.05 * Math.Min(width, height), $"caption {box.Height} px high, under 5% of {Math.Min(width, height)}");
        var top = position is MarkPosition.TopLeft or MarkPosition.TopRight or MarkPosition.Top;
        Assert.True(top ? box.Bottom <= height / 3 : box.Top >= height * 2 / 3, $"caption rows {box.Top}–{box.Bottom} not at the {(top ? "top" : "bottom")} of {height}");
        switch (position)
        {
            case MarkPosition.TopLeft or MarkPosition.BottomLeft:
                Assert.True(box.Left > 0 && box.Right <= width / 2, $"caption columns {box.Left}–{box.Right} not at the left of {width}");
                break;
            case MarkPosition.TopRight or MarkPosition.BottomRight:
                Assert.True(box.Right < width && box.Left >= width / 2, $"caption columns {box.Left}–{box.Right} not at the right of {width}");
                break;
            default:
                Assert.True(Math.Abs(((box.Left + box.Right) / 2.0) - (width / 2.0)) <= width * 0.05, $"caption columns {box.Left}–{box.Right} not centred in {width}");
                break;
        }
    }
}
