namespace Qinglang.Labels.Carriers.Riff;

/// <summary>
/// A chunk header as read from a RIFF stream. Sizes are 64-bit because RF64/BW64 files give the real size of large
/// chunks in their <c>ds64</c> chunk.
/// </summary>
/// <param name="Id">The four-character chunk id (<c>LIST</c>, <c>data</c>, <c>XMP </c>, …).</param>
/// <param name="Offset">Offset of the chunk header.</param>
/// <param name="Size">The chunk's data size as stored (not counting the pad byte).</param>
/// <param name="ListType">For <c>RIFF</c> and <c>LIST</c> chunks, the form/list type (<c>INFO</c>, <c>movi</c>, …).</param>
/// <param name="PadMissing">
/// True when an odd-sized chunk ends the file without its pad byte (a common writer slip, tolerated only there).
/// </param>
public readonly record struct RiffChunk(string Id, long Offset, long Size, string? ListType = null, bool PadMissing = false)
{
    public long DataOffset => Offset + 8;

    public long DataEnd => DataOffset + Size;

    /// <summary>Offset just past the chunk and its pad byte (as present in the file).</summary>
    public long End => DataEnd + (PadMissing ? 0 : Size & 1);

    /// <summary>For a list, where its children start (after the list type).</summary>
    public long ChildrenOffset => DataOffset + 4;

    public bool IsList(string listType) => Id == "LIST" && ListType == listType;

    public override string ToString() => ListType is null ? $"'{Id}' chunk at {Offset}" : $"{Id} '{ListType}' at {Offset}";
}
