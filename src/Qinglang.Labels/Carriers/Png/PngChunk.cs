namespace Qinglang.Labels.Carriers.Png;

/// <summary>A chunk header as read from a PNG stream: where its data starts and how long it is.</summary>
internal readonly record struct PngChunk(string Type, long Offset, uint Length)
{
    /// <summary>Offset of the chunk's data (after the length and type fields).</summary>
    public long DataOffset => Offset + 8;

    /// <summary>Offset just past the chunk's CRC.</summary>
    public long End => DataOffset + Length + 4;
}
