using System.Text;

namespace Qinglang.Labels.Explicit.Image;

/// <summary>
/// How ffmpeg writes a marked picture back in its own format, at high quality. Formats this ffmpeg cannot write are
/// refused with the reason rather than converted to something else.
/// </summary>
internal static class ImageEncoding
{
    public static readonly IReadOnlySet<string> Formats = new HashSet<string> { "png", "jpeg", "gif", "tiff", "webp", "avif", "heif", "heic" };

    /// <summary>Refuses, before any decoding, a format this ffmpeg cannot write.</summary>
    public static void EnsureWritable(string format)
    {
        if (format is "heif" or "heic")
        {
            throw new MarkingException(
                $"{format.ToUpperInvariant()}: the ffmpeg here has no HEIF encoder or muxer, so a marked copy cannot be written in this format; convert to PNG or JPEG first");
        }
    }

    /// <summary>ffmpeg output options for a picture with <paramref name="frames"/> frames.</summary>
    public static IReadOnlyList<string> OutputOptions(string format, string path, long frames) => format switch
    {
        "png" when frames > 1 => ["-c:v", "apng", "-plays", "0", "-f", "apng"],
        "png" => Still("png"),
        "jpeg" => [.. Still("mjpeg"), "-q:v", "2", "-qmin", "1"],
        "tiff" => [.. Still("tiff"), "-compression_algo", "lzw"],
        "webp" when frames > 1 => throw new MarkingException("animated WebP: this ffmpeg cannot decode animated WebP, so it cannot keep the animation"),
        "webp" => ["-frames:v", "1", "-c:v", "libwebp", .. HeadContains(path, "VP8L"u8) ? new[] { "-lossless", "1" } : ["-quality", "95"], "-f", "webp"],
        "gif" => ["-c:v", "gif", "-loop", "0", "-fps_mode", "passthrough", "-f", "gif"],
        "avif" => ["-c:v", "libaom-av1", "-still-picture", "1", "-crf", "18", "-cpu-used", "6", "-f", "avif"],
        _ => throw new MarkingException($"{format}: not an image format Qinglang can caption"),
    };

    /// <summary>
    /// Whether the picture may hold several frames (GIF; PNG with an APNG 'acTL' chunk; WebP with an 'ANIM' chunk):
    /// then its frames are counted, a full decode, to check none is lost.
    /// </summary>
    public static bool MayBeAnimated(string format, string path) => format switch
    {
        "gif" => true,
        "png" => HeadContains(path, "acTL"u8),
        "webp" => HeadContains(path, "ANIM"u8),
        _ => false,
    };

    /// <summary>
    /// The filtergraph from the first picture stream to <c>[marked]</c>. A GIF gets a fresh palette made from the marked
    /// frames (so the caption's white and dark exist in it), applied without dithering noise.
    /// </summary>
    public static string Filtergraph(string format, string drawtext) => format == "gif"
        ? $"[0:V:0]{drawtext},split[a][b];[a]palettegen=stats_mode=full[p];[b][p]paletteuse=dither=none[marked]"
        : $"[0:V:0]{drawtext}[marked]";

    private static string[] Still(string codec) => ["-frames:v", "1", "-update", "1", "-c:v", codec, "-f", "image2"];

    /// <summary>Chunk names that matter here (VP8L: lossless WebP; ANIM, acTL: animation) sit before the pixel data.</summary>
    private static bool HeadContains(string path, ReadOnlySpan<byte> name)
    {
        using var file = File.OpenRead(path);
        var head = new byte[Math.Min(file.Length, 4096)];
        file.ReadExactly(head);
        return head.AsSpan().IndexOf(name) >= 0;
    }
}
