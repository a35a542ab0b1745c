namespace Qinglang.Labels.Carriers.Mp3;

/// <summary>
/// The 4-byte MPEG-1/2/2.5 audio frame header (ISO/IEC 11172-3 §2.4.2.3): enough to tell a real frame sync from
/// chance bytes, by checking every field for reserved values and that the next frame starts where this one ends.
/// </summary>
internal static class MpegFrameHeader
{
    private static readonly int[][] Bitrates =
    [
        [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448], // MPEG-1 layer I
        [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384], // MPEG-1 layer II
        [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320], // MPEG-1 layer III
        [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256], // MPEG-2/2.5 layer I
        [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160], // MPEG-2/2.5 layers II and III
    ];

    private static readonly int[][] SampleRates =
    [
        [11025, 12000, 8000], // MPEG-2.5
        [],
        [22050, 24000, 16000], // MPEG-2
        [44100, 48000, 32000], // MPEG-1
    ];

    /// <summary>The length of the frame whose header starts <paramref name="bytes"/>, or 0 when it is not one.</summary>
    public static int FrameLength(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 4 || bytes[0] != 0xFF || (bytes[1] & 0xE0) != 0xE0)
        {
            return 0;
        }

        var version = (bytes[1] >> 3) & 3; // 0 = 2.5, 1 reserved, 2 = MPEG-2, 3 = MPEG-1
        var layer = 4 - ((bytes[1] >> 1) & 3); // field 3 = layer I, 2 = II, 1 = III, 0 reserved
        var bitrateIndex = bytes[2] >> 4;
        var rateIndex = (bytes[2] >> 2) & 3;
        if (version == 1 || layer == 4 || bitrateIndex is 0 or 15 || rateIndex == 3)
        {
            return 0; // reserved values; free-format (index 0) has no computable length and is not used for detection
        }

        var table = version == 3 ? layer - 1 : (layer == 1 ? 3 : 4);
        var bitrate = Bitrates[table][bitrateIndex] * 1000;
        var rate = SampleRates[version][rateIndex];
        var padding = (bytes[2] >> 1) & 1;
        return layer switch
        {
            1 => ((12 * bitrate / rate) + padding) * 4,
            3 when version != 3 => (72 * bitrate / rate) + padding,
            _ => (144 * bitrate / rate) + padding,
        };
    }

    /// <summary>True when <paramref name="head"/> starts with two consecutive MPEG audio frame headers.</summary>
    public static bool StartsStream(ReadOnlySpan<byte> head)
    {
        var length = FrameLength(head);
        if (length == 0)
        {
            return false;
        }

        // Two frames in a row, always: one four-byte header alone is too weak a sign (a UTF-16 LE byte-order mark,
        // FF FE, parses as an MPEG-1 Layer I header), and every real frame is shorter than the detection head.
        return head.Length >= length + 4 && FrameLength(head[length..]) != 0;
    }
}
