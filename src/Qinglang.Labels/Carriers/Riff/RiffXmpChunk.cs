using System.Text;
using Qinglang.Core;
using Qinglang.Labels.Xmp;

namespace Qinglang.Labels.Carriers.Riff;

/// <summary>
/// The <c>_PMX</c> chunk in which Adobe's XMP toolkit stores XMP in WAV and AVI files. It is not the TC260 site for
/// these formats, but a TC260:AIGC property found there is a label all the same: it is read, and removed on writing
/// (keeping every other XMP property) so that the file carries one label.
/// </summary>
internal static class RiffXmpChunk
{
    public const string ChunkId = "_PMX";

    private static readonly byte[] Trailer = Encoding.ASCII.GetBytes("<?xpacket end=");

    public static IEnumerable<LabelSite> Sites(Stream input, RiffChunk chunk, ICollection<Finding> findings) =>
        XmpLabel.ReadSites(RiffReader.ReadData(input, chunk), $"{chunk} (XMP)", findings);

    /// <summary>
    /// The chunk rebuilt without any AIGC property; empty when it must go entirely (its XMP is not well-formed, so
    /// the label found by text scanning cannot be cut out of it); null when it holds no label.
    /// </summary>
    public static byte[]? WithoutLabel(Stream input, RiffChunk chunk)
    {
        var (hasLabel, packet) = Clean(input, chunk);
        return !hasLabel ? null : packet is null ? [] : RiffWriter.Chunk(ChunkId, packet);
    }

    /// <summary>
    /// Like <see cref="WithoutLabel"/>, but of the chunk's old length (XMP whitespace pads the packet, or JUNK replaces
    /// a chunk that must go), for files whose later chunks must not move. Throws when the packet would not fit.
    /// </summary>
    public static byte[]? WithoutLabelSameLength(Stream input, RiffChunk chunk)
    {
        var (hasLabel, packet) = Clean(input, chunk);
        if (!hasLabel)
        {
            return null;
        }

        if (chunk.PadMissing)
        {
            throw new ContainerFormatException($"{chunk} lacks its pad byte; refusing to rewrite it in place", chunk.Offset);
        }

        if (packet is null)
        {
            return RiffWriter.Junk(chunk.End - chunk.Offset);
        }

        var trailer = packet.AsSpan().LastIndexOf(Trailer);
        if (packet.Length > chunk.Size || trailer < 0)
        {
            throw new LabelingException(Model.ProblemCodes.Unsupported, $"the XMP packet in {chunk} cannot lose its AIGC property without growing, and later chunks must not move");
        }

        var padded = new byte[chunk.Size];
        packet.AsSpan(0, trailer).CopyTo(padded);
        padded.AsSpan(trailer, padded.Length - packet.Length).Fill((byte)' ');
        packet.AsSpan(trailer).CopyTo(padded.AsSpan(trailer + padded.Length - packet.Length));
        return RiffWriter.Chunk(ChunkId, padded);
    }

    /// <summary>Whether the chunk holds a label, and its packet without it (null when the XMP cannot be parsed).</summary>
    private static (bool HasLabel, byte[]? Packet) Clean(Stream input, RiffChunk chunk)
    {
        var data = RiffReader.ReadData(input, chunk);
        if (XmpLabel.Remove(data) is { } packet)
        {
            return (true, packet);
        }

        return (XmpLabel.ReadSites(data, chunk.ToString(), new List<Finding>()).Any(), null);
    }
}
