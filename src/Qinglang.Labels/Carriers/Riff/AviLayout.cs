using Qinglang.Labels.IO;

namespace Qinglang.Labels.Carriers.Riff;

/// <summary>
/// The chunk structure of an AVI file: the first <c>RIFF 'AVI '</c> chunk's children, the OpenDML <c>RIFF 'AVIX'</c>
/// chunks that may follow it, and every <c>LIST 'INFO'</c> among their top-level children.
/// </summary>
/// <param name="First">The first RIFF chunk (form type <c>AVI </c>).</param>
/// <param name="Children">Its top-level children: hdrl, INFO, JUNK, movi, idx1, …</param>
/// <param name="Followers">RIFF chunks after it (OpenDML <c>AVIX</c> extensions); their offsets are referenced absolutely.</param>
/// <param name="InfoLists">Every LIST INFO among the top-level children of all RIFF chunks, in file order.</param>
internal sealed record AviLayout(RiffChunk First, IReadOnlyList<RiffChunk> Children, IReadOnlyList<RiffChunk> Followers, IReadOnlyList<RiffChunk> InfoLists)
{
    public const string FormType = "AVI ";

    /// <summary>XMP chunks (<c>_PMX</c>) at the top level of the first RIFF chunk, where Adobe's toolkit puts them.</summary>
    public IEnumerable<RiffChunk> XmpChunks => Children.Where(c => c.Id == RiffXmpChunk.ChunkId);

    /// <summary>The first INFO list of the first RIFF chunk: the one the label joins.</summary>
    public RiffChunk? Primary => Children.Where(c => c.IsList(RiffInfoList.ListType)).Select(c => (RiffChunk?)c).FirstOrDefault();

    public static AviLayout Read(Stream input)
    {
        var header = RiffReader.ReadHeader(input, FormType);
        var firstEnd = Math.Min(header.DataEnd + (header.Size & 1), input.Length);
        var first = new RiffChunk("RIFF", 0, header.Size, FormType, PadMissing: firstEnd == header.DataEnd && (header.Size & 1) == 1);
        var children = RiffReader.Children(input, RiffHeader.ChildrenOffset, header.DataEnd).ToList();
        var infoLists = children.Where(c => c.IsList(RiffInfoList.ListType)).ToList();

        // OpenDML: further RIFF chunks follow the first. Anything else after it is trailing bytes, kept as they are.
        var followers = new List<RiffChunk>();
        var position = first.End;
        Span<byte> id = stackalloc byte[4];
        while (input.Length - position >= 12)
        {
            input.Position = position;
            input.ReadFully(id, "chunk id");
            if (!id.SequenceEqual("RIFF"u8))
            {
                break;
            }

            var follower = RiffReader.Children(input, position, input.Length).First();
            followers.Add(follower);
            infoLists.AddRange(RiffReader.Children(input, follower.ChildrenOffset, follower.DataEnd).Where(c => c.IsList(RiffInfoList.ListType)));
            position = follower.End;
        }

        return new AviLayout(first, children, followers, infoLists);
    }
}
