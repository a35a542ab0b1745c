namespace Qinglang.Labels.Carriers.Mp3;

/// <summary>
/// ID3v2 synchsafe integers (7 bits per byte, high bit clear) and unsynchronisation (an 0x00 inserted after every
/// 0xFF that is followed by a byte ≥ 0xE0 or by 0x00, so no MPEG frame sync appears inside a tag).
/// </summary>
internal static class Synchsafe
{
    /// <summary>The largest value four synchsafe bytes hold (2^28 - 1).</summary>
    public const int Max = (1 << 28) - 1;

    public static bool IsValid(ReadOnlySpan<byte> four) => ((four[0] | four[1] | four[2] | four[3]) & 0x80) == 0;

    public static int Read(ReadOnlySpan<byte> four) => (four[0] << 21) | (four[1] << 14) | (four[2] << 7) | four[3];

    public static void Write(Span<byte> four, int value)
    {
        if (value is < 0 or > Max)
        {
            throw new LabelingException(Model.ProblemCodes.ContainerCorrupt, $"{value} does not fit an ID3v2 synchsafe size");
        }

        four[0] = (byte)((value >> 21) & 0x7F);
        four[1] = (byte)((value >> 14) & 0x7F);
        four[2] = (byte)((value >> 7) & 0x7F);
        four[3] = (byte)(value & 0x7F);
    }

    /// <summary>Removes unsynchronisation: every 0xFF 0x00 becomes 0xFF.</summary>
    public static byte[] Decode(ReadOnlySpan<byte> data)
    {
        var output = new byte[data.Length];
        var length = 0;
        for (var i = 0; i < data.Length; i++)
        {
            output[length++] = data[i];
            if (data[i] == 0xFF && i + 1 < data.Length && data[i + 1] == 0x00)
            {
                i++;
            }
        }

        return output[..length];
    }

    /// <summary>Applies unsynchronisation; a trailing 0xFF also gets its 0x00 so the tag cannot end in a false sync.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> data)
    {
        var output = new List<byte>(data.Length + (data.Length / 64) + 1);
        for (var i = 0; i < data.Length; i++)
        {
            output.Add(data[i]);
            if (data[i] == 0xFF && (i + 1 == data.Length || data[i + 1] >= 0xE0 || data[i + 1] == 0x00))
            {
                output.Add(0x00);
            }
        }

        return [.. output];
    }
}
