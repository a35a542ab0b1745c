using System.Globalization;
using System.Text.Json;

namespace Qinglang.Labels.Explicit.Ffmpeg;

/// <summary>Asks ffprobe about a file; an input ffprobe cannot read becomes a <see cref="MarkingException"/>.</summary>
internal static class MediaProbe
{
    /// <param name="countFrames">Decode every frame to count them (animated images; too slow for long video).</param>
    public static async Task<MediaInfo> ProbeAsync(string path, bool countFrames, CancellationToken cancellationToken)
    {
        List<string> arguments = ["-print_format", "json", "-show_format", "-show_streams"];
        if (countFrames)
        {
            arguments.Add("-count_frames");
        }

        arguments.Add(path);
        ToolOutput output;
        try
        {
            output = await MediaTool.FfprobeAsync(arguments, cancellationToken, TimeSpan.FromMinutes(5)).ConfigureAwait(false);
        }
        catch (MarkingException ex)
        {
            throw new MarkingException($"{path}: ffmpeg cannot decode this file ({ex.Message})", ex);
        }

        try
        {
            return Parse(output.Stdout);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new MarkingException($"{path}: ffprobe gave an unreadable answer ({ex.Message})", ex);
        }
    }

    internal static MediaInfo Parse(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var format = root.GetProperty("format");
        var streams = new List<MediaStream>();
        if (root.TryGetProperty("streams", out var list))
        {
            foreach (var stream in list.EnumerateArray())
            {
                streams.Add(new MediaStream(
                    stream.GetProperty("index").GetInt32(),
                    Text(stream, "codec_type") ?? "unknown",
                    Text(stream, "codec_name") ?? "unknown",
                    stream.TryGetProperty("width", out var w) ? w.GetInt32() : 0,
                    stream.TryGetProperty("height", out var h) ? h.GetInt32() : 0,
                    Text(stream, "pix_fmt"),
                    Rate(Text(stream, "avg_frame_rate")) ?? Rate(Text(stream, "r_frame_rate")),
                    Number(Text(stream, "duration")),
                    (long?)(Number(Text(stream, "nb_read_frames")) ?? Number(Text(stream, "nb_frames"))),
                    stream.TryGetProperty("disposition", out var d) && d.TryGetProperty("attached_pic", out var a) && a.GetInt32() == 1));
            }
        }

        return new MediaInfo(Text(format, "format_name") ?? "unknown", Number(Text(format, "duration")), streams);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>"30000/1001" → 29.97; "0/0" (unknown) → null.</summary>
    private static double? Rate(string? text)
    {
        var parts = text?.Split('/');
        return parts is [var n, var d] && Number(n) is { } num && Number(d) is { } den && den > 0 && num > 0 ? num / den : null;
    }
}
