using System.Text;

namespace Qinglang.Review.Metadata;

/// <summary>
/// Finds XMP packets (<c>&lt;x:xmpmeta … &lt;/x:xmpmeta&gt;</c>) anywhere in a file, for containers whose XMP
/// site is not walked structurally (TIFF strips, GIF extensions, HEIF items, MP4 udta, PDF streams).
/// </summary>
internal static class XmpPacketScan
{
    private static readonly byte[] Start = "<x:xmpmeta"u8.ToArray();
    private static readonly byte[] End = "</x:xmpmeta>"u8.ToArray();
    private const int MaxPackets = 16;

    public static void Read(ReadOnlySpan<byte> data, MetadataBuilder into)
    {
        var offset = 0;
        for (var found = 0; found < MaxPackets; found++)
        {
            var start = data[offset..].IndexOf(Start);
            if (start < 0)
            {
                return;
            }

            start += offset;
            var end = data[start..].IndexOf(End);
            if (end < 0)
            {
                into.Problems.Add($"XMP packet at offset {start} has no end");
                return;
            }

            var stop = start + end + End.Length;
            into.Xmp.Add(new MetadataText("xmp", Encoding.UTF8.GetString(data[start..stop]), $"XMP packet at offset {start}"));
            offset = stop;
        }
    }
}
