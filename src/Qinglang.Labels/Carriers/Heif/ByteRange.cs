namespace Qinglang.Labels.Carriers.Heif;

/// <summary>A half-open run of bytes [Start, End) in the file or in an idat box's data.</summary>
internal readonly record struct ByteRange(long Start, long Length)
{
    public long End => Start + Length;

    public bool Intersects(ByteRange other) => Start < other.End && other.Start < End;

    public bool Contains(ByteRange other) => other.Start >= Start && other.End <= End;
}
