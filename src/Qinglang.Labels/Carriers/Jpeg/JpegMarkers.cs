using Qinglang.Labels.IO;

namespace Qinglang.Labels.Carriers.Jpeg;

/// <summary>
/// Walks a JPEG's marker segments (ITU-T T.81 Annex B) from SOI to the first SOS, checking every length against the
/// file, and checks that the entropy-coded data after it reaches an EOI marker.
/// </summary>
public static class JpegMarkers
{
    private const byte StartOfImage = 0xD8;
    private const byte EndOfImage = 0xD9;

    /// <summary>More segments than this before SOS is not a photo but a hostile file.</summary>
    private const int MaxSegments = 1 << 16;

    public static bool IsStandalone(byte marker) => marker is 0x01 or (>= 0xD0 and <= 0xD7);

    public static string Name(byte marker) => marker switch
    {
        0xDA => "SOS",
        0xDB => "DQT",
        0xC4 => "DHT",
        0xDD => "DRI",
        0xFE => "COM",
        0x01 => "TEM",
        >= 0xD0 and <= 0xD7 => $"RST{marker - 0xD0}",
        >= 0xE0 and <= 0xEF => $"APP{marker - 0xE0}",
        >= 0xC0 and <= 0xCF => $"SOF{marker - 0xC0}",
        _ => $"marker 0x{marker:X2}",
    };

    /// <summary>
    /// The segments from after SOI up to and including the first SOS. Throws <see cref="ContainerFormatException"/>
    /// when a length lies, a byte that should start a marker does not, or the file ends before SOS.
    /// </summary>
    public static List<JpegSegment> Segments(Stream input) => [.. Walk(input)];

    /// <summary>
    /// The same segments as <see cref="Segments"/>, one at a time: a reader that wants what lies before a lie (a file
    /// cut short) takes the segments yielded before the <see cref="ContainerFormatException"/>.
    /// </summary>
    public static IEnumerable<JpegSegment> Walk(Stream input)
    {
        input.Position = 0;
        var two = new byte[2];
        input.ReadFully(two, "JPEG SOI marker");
        if (two[0] != 0xFF || two[1] != StartOfImage)
        {
            throw new ContainerFormatException("not a JPEG: no SOI marker", 0);
        }

        var count = 0;
        while (true)
        {
            if (count++ >= MaxSegments)
            {
                throw new ContainerFormatException($"more than {MaxSegments} marker segments before the image data", input.Position);
            }

            var start = input.Position;
            var marker = ReadMarker(input, start);
            if (IsStandalone(marker))
            {
                var standalone = new JpegSegment(marker, start, input.Position, 0, HasLength: false);
                yield return standalone;
                input.Position = standalone.End; // the caller may have moved the stream while it held the segment
                continue;
            }

            if (marker is StartOfImage or EndOfImage or 0x00)
            {
                throw new ContainerFormatException($"unexpected {Name(marker)} before the image data (SOS)", start);
            }

            input.ReadFully(two, $"{Name(marker)} length");
            var length = (two[0] << 8) | two[1];
            if (length < 2)
            {
                throw new ContainerFormatException($"{Name(marker)} segment length {length} is less than 2", start);
            }

            var segment = new JpegSegment(marker, start, input.Position, length - 2, HasLength: true);
            if (segment.End > input.Length)
            {
                throw new ContainerFormatException($"{Name(marker)} segment claims {length} bytes but the file ends first", start);
            }

            yield return segment;
            if (segment.IsStartOfScan)
            {
                yield break;
            }

            input.Position = segment.End;
        }
    }

    /// <summary>
    /// Follows the entropy-coded data and any later segments (progressive scans, DHT, DNL, …) from
    /// <paramref name="from"/> to the EOI marker; returns the offset just past EOI. A file cut short has no EOI.
    /// </summary>
    public static long FindEndOfImage(Stream input, long from)
    {
        using var reader = new MarkerScanner(input, from);
        while (true)
        {
            // Entropy-coded data is skipped with a vectorized search for 0xFF, not byte by byte.
            if (!reader.SkipPastNextFF())
            {
                throw new ContainerFormatException("JPEG ends inside the image data (no EOI marker): the file is truncated", reader.Position);
            }

            var markerAt = reader.Position - 1;
            int value;
            do
            {
                value = reader.Next();
            }
            while (value == 0xFF);

            if (value < 0)
            {
                throw new ContainerFormatException("JPEG ends inside the image data (no EOI marker): the file is truncated", reader.Position);
            }

            var marker = (byte)value;
            if (marker == 0x00 || IsStandalone(marker))
            {
                continue; // a stuffed 0xFF data byte, a restart marker or TEM
            }

            if (marker == EndOfImage)
            {
                return reader.Position;
            }

            if (marker == StartOfImage)
            {
                throw new ContainerFormatException("SOI marker inside the image data", markerAt);
            }

            var high = reader.Next();
            var low = reader.Next();
            if (low < 0)
            {
                throw new ContainerFormatException($"file ends inside the {Name(marker)} length", markerAt);
            }

            var length = (high << 8) | low;
            var segmentEnd = reader.Position - 2 + length;
            if (length < 2 || segmentEnd > input.Length)
            {
                throw new ContainerFormatException($"{Name(marker)} segment in the image data claims {length} bytes, which does not fit", markerAt);
            }

            reader.Seek(segmentEnd);
        }
    }

    private static byte ReadMarker(Stream input, long start)
    {
        var first = input.ReadByte();
        if (first < 0)
        {
            throw new ContainerFormatException("JPEG ends before the image data (no SOS marker): the file is truncated", start);
        }

        if (first != 0xFF)
        {
            throw new ContainerFormatException($"expected a marker but found byte 0x{first:X2}", start);
        }

        int marker;
        do
        {
            marker = input.ReadByte(); // 0xFF fill bytes may precede any marker (T.81 B.1.1.2)
        }
        while (marker == 0xFF);

        if (marker < 0)
        {
            throw new ContainerFormatException("JPEG ends inside a marker", start);
        }

        return (byte)marker;
    }
}
