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

    /// <summary>The chunk rebuilt without any AIGC property, or null when it holds none.</summary>
    public static byte[]? WithoutLabel(Stream input, RiffChunk chunk) =>
        XmpLabel.Remove(RiffReader.ReadData(input, chunk)) is { } packet ? RiffWriter.Chunk(ChunkId, packet) : null;

    /// <summary>
    /// The chunk rebuilt without any AIGC property and padded with XMP whitespace to its old length, for files whose
    /// later chunks must not move; null when it holds none. Throws when the rewritten packet would not fit.
    /// </summary>
    public static byte[]? WithoutLabelSameLength(Stream input, RiffChunk chunk)
    {
        if (XmpLabel.Remove(RiffReader.ReadData(input, chunk)) is not { } packet)
        {
            return null;
        }

        var trailer = packet.AsSpan().LastIndexOf(Trailer);
        if (packet.Length > chunk.Size || trailer < 0 || chunk.PadMissing)
        {
            throw new LabelingException(Model.ProblemCodes.NoImplicitSite, $"the XMP packet in {chunk} cannot lose its AIGC property without growing, and later chunks must not move");
        }

        var padded = new byte[chunk.Size];
        packet.AsSpan(0, trailer).CopyTo(padded);
        padded.AsSpan(trailer, padded.Length - packet.Length).Fill((byte)' ');
        packet.AsSpan(trailer).CopyTo(padded.AsSpan(trailer + padded.Length - packet.Length));
        return RiffWriter.Chunk(ChunkId, padded);
    }
}
