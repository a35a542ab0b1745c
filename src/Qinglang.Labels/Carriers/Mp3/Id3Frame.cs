namespace Qinglang.Labels.Carriers.Mp3;

/// <summary>One frame of an ID3v2 tag, as the bytes found in the (tag-level de-unsynchronised) tag body.</summary>
/// <param name="Id">Four characters (three in ID3v2.2).</param>
/// <param name="Offset">Offset of the frame header in the tag body.</param>
/// <param name="Raw">The whole frame, header included, kept so the frame can be written back byte for byte.</param>
/// <param name="Flags">The two flag bytes (none in ID3v2.2).</param>
/// <param name="HeaderLength">10, or 6 in ID3v2.2.</param>
internal sealed record Id3Frame(string Id, int Offset, byte[] Raw, ushort Flags, int HeaderLength)
{
    public ReadOnlySpan<byte> Data => Raw.AsSpan(HeaderLength);
}
