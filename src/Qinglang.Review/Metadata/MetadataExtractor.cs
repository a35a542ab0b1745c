using System.Text;

namespace Qinglang.Review.Metadata;

/// <summary>
/// Reads the metadata of one file for trace detection. The container is recognised by its first bytes: JPEG, PNG,
/// RIFF and ISO-BMFF are walked structurally; other binaries are scanned for XMP packets; valid UTF-8 without NUL
/// bytes is treated as text content. At most <see cref="MaxBytes"/> are read.
/// </summary>
public static class MetadataExtractor
{
    public const int MaxBytes = 64 << 20;

    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static MediaMetadata Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var length = (int)Math.Min(stream.Length, MaxBytes);
        var buffer = new byte[length];
        stream.ReadExactly(buffer);
        var metadata = Read(buffer);
        if (stream.Length > MaxBytes)
        {
            return metadata with { Problems = [.. metadata.Problems, $"only the first {MaxBytes >> 20} MiB of {stream.Length} bytes were examined"] };
        }

        return metadata;
    }

    public static MediaMetadata Read(ReadOnlyMemory<byte> file)
    {
        var span = file.Span;
        MetadataBuilder builder;
        if (span.Length >= 3 && span[0] == 0xFF && span[1] == 0xD8 && span[2] == 0xFF)
        {
            builder = new MetadataBuilder("jpeg");
            JpegMetadata.Read(file, builder);
        }
        else if (span.StartsWith(PngSignature))
        {
            builder = new MetadataBuilder("png");
            PngMetadata.Read(file, builder);
        }
        else if (span.Length >= 12 && span.StartsWith("RIFF"u8))
        {
            builder = new MetadataBuilder(span.Slice(8, 4).SequenceEqual("WEBP"u8) ? "webp" : "riff");
            RiffMetadata.Read(file, builder);
        }
        else if (span.Length >= 12 && span.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            builder = new MetadataBuilder("iso-bmff");
            BmffMetadata.Read(file, builder);
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
