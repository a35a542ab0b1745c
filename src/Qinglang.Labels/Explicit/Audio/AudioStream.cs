using System.Globalization;
using System.Text.Json;
using Qinglang.Labels.Explicit.Ffmpeg;

namespace Qinglang.Labels.Explicit.Audio;

/// <summary>The first audio stream of a file as ffprobe reports it, and whether the file also holds moving pictures.</summary>
internal sealed record AudioStream(
    string Codec, int SampleRate, int Channels, string Layout, string? SampleFormat, int? BitsPerRawSample, long? BitRate, bool HasVideo)
{
    /// <summary>Probes <paramref name="path"/>; a file ffprobe cannot read or that has no audio stream is a <see cref="MarkingException"/>.</summary>
    public static async Task<AudioStream> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        ToolOutput probe;
        try
        {
            probe = await MediaTool.FfprobeAsync(
                ["-show_entries", "stream=codec_type,codec_name,sample_rate,channels,channel_layout,bit_rate,sample_fmt,bits_per_raw_sample:stream_disposition=attached_pic:format=bit_rate",
                 "-of", "json", path],
                cancellationToken).ConfigureAwait(false);
        }
        catch (MarkingException ex)
        {
            throw new MarkingException($"{path}: not decodable audio ({ex.Message})", ex);
        }
        try
        {
            using var document = JsonDocument.Parse(probe.Stdout);
            var streams = document.RootElement.TryGetProperty("streams", out var list) ? list.EnumerateArray().ToList() : [];
            var audio = streams.FirstOrDefault(s => Text(s, "codec_type") == "audio");
            if (audio.ValueKind != JsonValueKind.Object)
            {
                throw new MarkingException($"{path}: no audio stream to mark");
            }

            var sampleRate = Number(audio, "sample_rate") ?? 0;
            var channels = Number(audio, "channels") ?? 0;
            if (sampleRate < 8000 || sampleRate > 768000 || channels is < 1 or > 16)
            {
                throw new MarkingException($"{path}: audio stream with {sampleRate} Hz and {channels} channels cannot be marked");
            }

            var format = document.RootElement.TryGetProperty("format", out var f) ? f : default;
            return new AudioStream(
                Text(audio, "codec_name") ?? "unknown",
                (int)sampleRate,
                (int)channels,
                Text(audio, "channel_layout") is { Length: > 0 } layout ? layout : $"{channels}c",
                Text(audio, "sample_fmt"),
                Number(audio, "bits_per_raw_sample") is > 0 and var bits ? (int)bits : null,
                Number(audio, "bit_rate") ?? (format.ValueKind == JsonValueKind.Object ? Number(format, "bit_rate") : null),
                streams.Any(s => Text(s, "codec_type") == "video" && !IsAttachedPicture(s)));
        }
        catch (JsonException ex)
        {
            throw new MarkingException($"{path}: ffprobe's report could not be read ({ex.Message})", ex);
        }
    }

    private static bool IsAttachedPicture(JsonElement stream) =>
        stream.TryGetProperty("disposition", out var d) && d.TryGetProperty("attached_pic", out var a) && a.ValueKind == JsonValueKind.Number && a.GetInt32() == 1;

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>ffprobe writes some numbers as strings ("44100") and others as numbers (channels).</summary>
    private static long? Number(JsonElement element, string name) =>
        !element.TryGetProperty(name, out var value) ? null
        : value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n
        : value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s
        : null;
}
