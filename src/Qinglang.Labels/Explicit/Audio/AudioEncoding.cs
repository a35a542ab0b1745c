using System.Globalization;

namespace Qinglang.Labels.Explicit.Audio;

/// <summary>
/// How a marked copy is re-encoded: the input's codec family (PCM stays the same PCM, FLAC stays FLAC, MP3 → LAME,
/// Vorbis, Opus, AAC), its sample format for lossless codecs and a similar bit rate for lossy ones, in the input's
/// container. The content is decoded and re-encoded once; for lossless codecs that changes no sample.
/// </summary>
internal sealed record AudioEncoding(string Muxer, IReadOnlyList<string> Arguments, bool Lossless, string Description)
{
    /// <summary>Lossy codecs: the bit rate when neither the stream nor the container states one.</summary>
    private const long FallbackBitRate = 128_000;

    public static AudioEncoding For(string carrierFormat, AudioStream stream)
    {
        var muxer = carrierFormat switch
        {
            "wav" => "wav",
            "mp3" => "mp3",
            "flac" => "flac",
            "ogg" or "vorbis" or "opus" => "ogg",
            "matroska" => "matroska",
            "webm" => "webm",
            "m4a" => stream.Codec is "aac" or "alac" ? "ipod" : "mp4",
            "mp4" => "mp4",
            "mov" => "mov",
            _ => throw new MarkingException($"{carrierFormat} files are not marked as audio"),
        };

        if (stream.Codec.StartsWith("pcm_", StringComparison.Ordinal) || stream.Codec is "flac" or "alac")
        {
            List<string> lossless = ["-c:a", stream.Codec];
            if (stream.SampleFormat is { Length: > 0 } sampleFormat)
            {
                lossless.AddRange(["-sample_fmt", sampleFormat]);
            }

            if (stream.BitsPerRawSample is { } bits)
            {
                lossless.AddRange(["-bits_per_raw_sample", bits.ToString(CultureInfo.InvariantCulture)]);
            }

            return new AudioEncoding(muxer, lossless, true, $"{stream.Codec} (lossless)");
        }

        var encoder = stream.Codec switch
        {
            "mp3" => "libmp3lame",
            "vorbis" => "libvorbis",
            "opus" => "libopus",
            "aac" => "aac",
            _ => throw new MarkingException($"{stream.Codec} audio cannot be re-encoded by Qinglang (it writes PCM, FLAC, ALAC, MP3, Vorbis, Opus and AAC)"),
        };
        // Keep the rate in the range every one of these encoders accepts for the stream's channel count.
        var bitRate = Math.Clamp(stream.BitRate ?? FallbackBitRate, 16_000L * Math.Min(stream.Channels, 2), 320_000L * Math.Max(1, stream.Channels / 2));
        var kbps = (bitRate / 1000).ToString(CultureInfo.InvariantCulture);
        return new AudioEncoding(muxer, ["-c:a", encoder, "-b:a", $"{kbps}k"], false, $"{encoder} {kbps} kb/s");
    }
}
