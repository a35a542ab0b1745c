namespace Qinglang.Labels.Carriers.Jpeg;

/// <summary>
/// One marker segment before the first SOS. <see cref="Start"/> is the first 0xFF of the marker, fill bytes included,
/// so copying [Start, End) reproduces the segment exactly. Standalone markers (RSTn, TEM) have no length or data.
/// A class, not a struct: lists and queries of it then run the framework's precompiled code for reference types
/// instead of being compiled at run time in every process.
/// </summary>
public sealed record JpegSegment(byte Marker, long Start, long DataOffset, int DataLength, bool HasLength)
{
    public const byte App0 = 0xE0;
    public const byte App1 = 0xE1;
    public const byte StartOfScan = 0xDA;

    /// <summary>Offset just past the segment.</summary>
    public long End => DataOffset + DataLength;

    public bool IsStartOfScan => Marker == StartOfScan;

    public override string ToString() => $"{JpegMarkers.Name(Marker)} at {Start}";
}
