namespace Qinglang.Labels.Carriers.Riff;

/// <summary>Replace the input bytes [Start, End) with <paramref name="Bytes"/> (End == Start inserts).</summary>
internal sealed record RiffPatch(long Start, long End, byte[] Bytes)
{
    public static RiffPatch Insert(long at, byte[] bytes) => new(at, at, bytes);

    public static RiffPatch Remove(RiffChunk chunk) => new(chunk.Offset, chunk.End, []);

    /// <summary>Overwrites a chunk with bytes of the same length (an in-place edit; nothing after it moves).</summary>
    public static RiffPatch Overwrite(RiffChunk chunk, byte[] bytes) =>
        bytes.Length == chunk.End - chunk.Offset ? new(chunk.Offset, chunk.End, bytes) : throw new ArgumentException("overwrite must keep the chunk's length", nameof(bytes));
}
