using System.Runtime.InteropServices;
using System.Text;
using Qinglang.Labels.Carriers.Jpeg;
using Qinglang.Labels.Carriers.Png;

namespace Qinglang.Review.Metadata;

/// <summary>
/// Reads the metadata of one file for trace detection. The container is recognised by its first bytes: JPEG, PNG,
/// RIFF, ISO-BMFF and TIFF are walked by the Labels carriers' walkers (one container walker per format); other
/// binaries are scanned for XMP packets; valid UTF-8 without NUL bytes is treated as text content. At most
/// <see cref="MaxBytes"/> are read.
/// </summary>
public static class MetadataExtractor
{
    public const int MaxBytes = 64 << 20;

    private static readonly JpegCarrier Jpeg = new();
    private static readonly PngCarrier Png = new();

    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static MediaMetadata Read(string path)
    {
        using var file = UploadedFile.Open(path);
        return Read(file);
    }

    /// <summary>The metadata of an opened file; a file longer than <see cref="MaxBytes"/> is examined up to there.</summary>
    internal static MediaMetadata Read(UploadedFile file)
    {
        var metadata = Read(file.Head);
        if (file.Length > MaxBytes)
        {
            return metadata with { Problems = [.. metadata.Problems, $"only the first {MaxBytes >> 20} MiB of {file.Length} bytes were examined"] };
        }

        return metadata;
    }

    public static MediaMetadata Read(ReadOnlyMemory<byte> file)
    {
        var span = file.Span;
        using var stream = StreamOver(file);
        MetadataBuilder builder;
        if (Jpeg.Detect(span))
        {
            builder = new MetadataBuilder("jpeg");
            JpegMetadata.Read(file, stream, builder);
        }
        else if (Png.Detect(span))
        {
            builder = new MetadataBuilder("png");
            PngMetadata.Read(file, stream, builder);
        }
        else if (span.Length >= 12 && span.StartsWith("RIFF"u8))
        {
            builder = new MetadataBuilder(span.Slice(8, 4).SequenceEqual("WEBP"u8) ? "webp" : "riff");
            RiffMetadata.Read(file, stream, builder);
        }
        else if (span.Length >= 12 && span.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            builder = new MetadataBuilder("iso-bmff");
            BmffMetadata.Read(file, stream, builder);
            if (builder.Xmp.Count == 0)
            {
                XmpPacketScan.Read(span, builder);
            }
        }
        else if (span.Length >= 8 && (span.StartsWith("II*\0"u8) || span.StartsWith("MM\0*"u8)))
        {
            builder = new MetadataBuilder("tiff");
            TiffFields.Read(span, "TIFF", builder);
        }
        else if (AsText(span) is { } text)
        {
            builder = new MetadataBuilder("text") { TextContent = text };
        }
        else
        {
            builder = new MetadataBuilder("binary");
            XmpPacketScan.Read(span, builder);
        }

        return builder.Build();
    }

    /// <summary>A read-only stream over the bytes, without copying them when they live in an array.</summary>
    internal static MemoryStream StreamOver(ReadOnlyMemory<byte> bytes) =>
        MemoryMarshal.TryGetArray(bytes, out var array)
            ? new MemoryStream(array.Array!, array.Offset, array.Count, writable: false, publiclyVisible: true)
            : new MemoryStream(bytes.ToArray(), writable: false);

    private static string? AsText(ReadOnlySpan<byte> data)
    {
        if (data.IndexOf((byte)0) >= 0)
        {
            return null;
        }

        try
        {
            var text = new UTF8Encoding(false, true).GetString(data);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
