using System.Globalization;
using System.Runtime.InteropServices;
using Qinglang.Labels.Explicit.Ffmpeg;

namespace Qinglang.Labels.Explicit.Audio;

/// <summary>
/// Decoded audio kept as raw little-endian 32-bit float samples in a temporary file, so that measuring and comparing
/// a long file needs bounded memory: readers stream it in chunks.
/// </summary>
internal static class PcmFile
{
    /// <summary>Samples per read: 64 Ki floats (256 KiB).</summary>
    public const int ChunkSamples = 64 * 1024;

    /// <summary>Decodes the first audio stream of <paramref name="source"/> to raw floats at the stream's rate and channel count.</summary>
    public static async Task DecodeAsync(string source, string target, AudioStream stream, CancellationToken cancellationToken)
    {
        try
        {
            await MediaTool.FfmpegAsync(
                ["-i", source, "-map", "0:a:0", "-f", "f32le", "-c:a", "pcm_f32le",
                 "-ar", stream.SampleRate.ToString(CultureInfo.InvariantCulture), "-ac", stream.Channels.ToString(CultureInfo.InvariantCulture), target],
                cancellationToken).ConfigureAwait(false);
        }
        catch (MarkingException ex)
        {
            throw new MarkingException($"{source}: ffmpeg cannot decode its audio ({ex.Message})", ex);
        }
    }

    /// <summary>Writes interleaved samples as raw floats.</summary>
    public static void Write(string path, ReadOnlySpan<float> samples)
    {
        using var file = File.Create(path);
        file.Write(MemoryMarshal.AsBytes(samples));
    }

    /// <summary>Reads a raw float file in chunks of whole frames and hands each chunk to <paramref name="consume"/>.</summary>
    public static long ForEachChunk(string path, int channels, Action<ReadOnlySpan<float>> consume)
    {
        using var reader = new Reader(path, channels);
        var buffer = new float[ChunkSamples - ChunkSamples % channels];
        long frames = 0;
        int read;
        while ((read = reader.Read(buffer)) > 0)
        {
            consume(buffer.AsSpan(0, read));
            frames += read / channels;
        }

        return frames;
    }

    public static long FrameCount(string path, int channels) => new FileInfo(path).Length / sizeof(float) / channels;

    /// <summary>Sequential reader of whole frames from a raw float file.</summary>
    public sealed class Reader(string path, int channels) : IDisposable
    {
        private readonly FileStream file = new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);

        /// <summary>Fills as much of <paramref name="buffer"/> as the file has, in whole frames; 0 at the end.</summary>
        public int Read(Span<float> buffer)
        {
            var wanted = buffer.Length - buffer.Length % channels;
            var bytes = MemoryMarshal.AsBytes(buffer[..wanted]);
            var total = 0;
            int read;
            while (total < bytes.Length && (read = file.Read(bytes[total..])) > 0)
            {
                total += read;
            }

            var samples = total / sizeof(float);
            return samples - samples % channels;
        }

        /// <summary>Skips <paramref name="frames"/> frames.</summary>
        public void Skip(long frames) => file.Seek(frames * channels * sizeof(float), SeekOrigin.Current);

        public void Dispose() => file.Dispose();
    }
}
