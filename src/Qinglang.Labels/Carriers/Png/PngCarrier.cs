using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Qinglang.Core;
using Qinglang.Labels.IO;
using Qinglang.Labels.Model;
using Qinglang.Labels.Xmp;

namespace Qinglang.Labels.Carriers.Png;

/// <summary>
/// PNG: the label lives in the XMP packet of an iTXt chunk keyed <c>XML:com.adobe.xmp</c>; the TC260 alternative is
/// a tEXt/zTXt/iTXt chunk keyed <c>AIGC</c> holding the JSON. Writing keeps one XMP chunk (merged) and drops the rest.
/// </summary>
public sealed class PngCarrier : ILabelCarrier
{
    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Text chunks larger than this are not read for labels (they are still copied).</summary>
    private const int MaxTextChunk = 16 << 20;

    public string Format => "png";

    public bool Detect(ReadOnlySpan<byte> head) => head.StartsWith(Signature);

    public CarrierScan Read(Stream input)
    {
        var sites = new List<LabelSite>();
        var findings = new List<Finding>();
        foreach (var chunk in Chunks(input))
        {
            if (!IsText(chunk.Type))
            {
                continue;
            }

            var data = ReadData(input, chunk, verifyCrc: true, findings);
            if (data is null)
            {
                continue;
            }

            var keyword = PngTextChunk.Keyword(data);
            var where = $"{chunk.Type} chunk at {chunk.Offset}";
            if (keyword == PngTextChunk.XmpKeyword)
            {
                var xmp = PngTextChunk.Text(chunk.Type, data);
                sites.AddRange(XmpLabel.ReadSites(xmp, $"{where} (XMP)", findings));
            }
            else if (keyword is not null && keyword.Equals(XmpNames.Property, StringComparison.OrdinalIgnoreCase))
            {
                sites.Add(new LabelSite("png-text", $"{where} keyword {keyword}", PngTextChunk.Text(chunk.Type, data)));
            }
        }

        return new CarrierScan(sites, findings);
    }

    public void Write(Stream input, Stream output, AigcLabel label)
    {
        // Pass 1: find the existing XMP packet (to merge into) and where the new chunk goes.
        string? existingXmp = null;
        long insertAfter = -1;
        foreach (var chunk in Chunks(input))
        {
            if (chunk.Type == "IHDR")
            {
                insertAfter = chunk.End;
            }
            else if (existingXmp is null && IsText(chunk.Type))
            {
                if (chunk.Length > MaxTextChunk)
                {
                    // Pass 2 drops every XMP chunk; one too large to merge into would take its other properties with it.
                    if (IsXmp(input, chunk))
                    {
                        throw new LabelingException(ProblemCodes.Unsupported, $"XMP {chunk.Type} chunk at {chunk.Offset} is {chunk.Length} bytes, too large to merge the label into; it is left as it is");
                    }

                    continue;
                }

                var data = ReadData(input, chunk, verifyCrc: true, findings: null)!;
                if (PngTextChunk.Keyword(data) == PngTextChunk.XmpKeyword)
                {
                    existingXmp = PngTextChunk.Text(chunk.Type, data);
                }
            }
        }

        if (insertAfter < 0)
        {
            throw new ContainerFormatException("PNG has no IHDR chunk");
        }

        var packet = XmpLabel.Merge(existingXmp, LabelJson.Serialize(label), padding: 0);
        var newChunk = PngTextChunk.BuildInternational(PngTextChunk.XmpKeyword, packet);

        // Pass 2: copy every chunk except label sites, with the XMP chunk right after IHDR; verify every CRC.
        input.Position = 0;
        output.Write(Signature);
        var crcBuffer = ArrayPool<byte>.Shared.Rent(1 << 16); // pooled: a batch labels thousands of files
        try
        {
            foreach (var chunk in Chunks(input))
            {
                input.Position = chunk.Offset;
                if (IsText(chunk.Type) && IsLabelSite(input, chunk))
                {
                    continue;
                }

                input.Position = chunk.Offset;
                CopyChunkVerified(input, output, chunk, crcBuffer);
                if (chunk.End == insertAfter)
                {
                    PngChunk.Write(output, "iTXt", newChunk);
                }

                if (chunk.Type == "IEND")
                {
                    input.Position = chunk.End;
                    input.CopyRest(output); // bytes after IEND are not ours to drop
                    break;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(crcBuffer);
        }
    }

    /// <summary>Enumerates chunk headers, checking every length against the file; stops after IEND.</summary>
    public static IEnumerable<PngChunk> Chunks(Stream input)
    {
        input.Position = 0;
        Span<byte> signature = stackalloc byte[8];
        input.ReadFully(signature, "PNG signature");
        if (!signature.SequenceEqual(Signature))
        {
            throw new ContainerFormatException("not a PNG signature", 0);
        }

        var header = new byte[8];
        var position = 8L;
        var sawEnd = false;
        while (position < input.Length)
        {
            input.Position = position;
            input.ReadFully(header, "chunk header");
            var length = BinaryPrimitives.ReadUInt32BigEndian(header);
            if (length > int.MaxValue)
            {
                throw new ContainerFormatException($"chunk length {length} exceeds the PNG limit of 2^31-1", position);
            }

            var type = Encoding.ASCII.GetString(header, 4, 4);
            if (!type.All(char.IsAsciiLetter))
            {
                throw new ContainerFormatException($"chunk type '{type}' is not four letters", position);
            }

            var chunk = new PngChunk(type, position, length);
            if (chunk.End > input.Length)
            {
                throw new ContainerFormatException($"{type} chunk claims {length} bytes but the file ends first", position);
            }

            yield return chunk;
            position = chunk.End;
            if (type == "IEND")
            {
                sawEnd = true;
                break;
            }
        }

        if (!sawEnd)
        {
            throw new ContainerFormatException("PNG ends without an IEND chunk", position);
        }
    }

    private static bool IsText(string type) => type is "tEXt" or "zTXt" or "iTXt";

    private static bool IsLabelSite(Stream input, PngChunk chunk)
    {
        var keyword = KeywordOf(input, chunk);
        return keyword == PngTextChunk.XmpKeyword || (keyword?.Equals(XmpNames.Property, StringComparison.OrdinalIgnoreCase) ?? false);
    }

    private static bool IsXmp(Stream input, PngChunk chunk) => KeywordOf(input, chunk) == PngTextChunk.XmpKeyword;

    /// <summary>A text chunk's keyword, read from its first bytes only (the chunk may be far too large to load).</summary>
    private static string? KeywordOf(Stream input, PngChunk chunk)
    {
        var head = new byte[Math.Min(chunk.Length, 80)];
        input.Position = chunk.DataOffset;
        input.ReadFully(head, "text chunk keyword");
        return PngTextChunk.Keyword(head);
    }

    private static byte[]? ReadData(Stream input, PngChunk chunk, bool verifyCrc, List<Finding>? findings)
    {
        if (chunk.Length > MaxTextChunk)
        {
            findings?.Add(Finding.Warning(ProblemCodes.ContainerCorrupt, $"{chunk.Type} chunk of {chunk.Length} bytes is too large to read for labels", $"offset {chunk.Offset}"));
            return null;
        }

        input.Position = chunk.Offset + 4;
        var typeAndData = input.ReadBlock(4 + chunk.Length, MaxTextChunk + 4, $"{chunk.Type} chunk");
        Span<byte> crcBytes = stackalloc byte[4];
        input.ReadFully(crcBytes, "chunk CRC");
        if (verifyCrc && Crc32.Compute(typeAndData) != BinaryPrimitives.ReadUInt32BigEndian(crcBytes))
        {
            var message = $"{chunk.Type} chunk at {chunk.Offset} has a wrong CRC";
            if (findings is null)
            {
                throw new ContainerFormatException(message, chunk.Offset);
            }

            findings.Add(Finding.Error(ProblemCodes.ContainerCorrupt, message, $"offset {chunk.Offset}"));
        }

        return typeAndData[4..];
    }

    private static void CopyChunkVerified(Stream input, Stream output, PngChunk chunk, byte[] buffer)
    {
        input.ReadFully(buffer.AsSpan(0, 8), "chunk header");
        output.Write(buffer, 0, 8);
        var crc = Crc32.Compute(buffer.AsSpan(4, 4));
        var left = (long)chunk.Length;
        while (left > 0)
        {
            var n = (int)Math.Min(buffer.Length, left);
            input.ReadFully(buffer.AsSpan(0, n), $"{chunk.Type} chunk data");
            crc = Crc32.Append(crc, buffer.AsSpan(0, n));
            output.Write(buffer, 0, n);
            left -= n;
        }

        input.ReadFully(buffer.AsSpan(0, 4), "chunk CRC");
        if (BinaryPrimitives.ReadUInt32BigEndian(buffer) != crc)
        {
            throw new ContainerFormatException($"{chunk.Type} chunk at {chunk.Offset} has a wrong CRC; refusing to copy corrupt data", chunk.Offset);
        }

        output.Write(buffer, 0, 4);
    }
}
